import type { AnyRoute } from '@tanstack/react-router';
import { caseListRoute } from './CaseList';
import { newCaseRoute } from './NewCase';
import { caseDetailRoute } from './CaseDetail';

/** The Cases area: the list (filters in the URL), opening a case, and a case with its tabs. */
export const casesRoutes: AnyRoute[] = [caseListRoute, newCaseRoute, caseDetailRoute];
