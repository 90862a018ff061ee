import type { AnyRoute } from '@tanstack/react-router';
import { deadlinesRoute } from './Deadlines';
import { victimLegalRoute } from './VictimLegalMatters';

export { VictimLegalMatters } from './VictimLegalMatters';

/** Deadlines and reminders (mine or my agency's, in the URL), and a survivor's legal matters with the deadlines that follow. */
export const deadlinesRoutes: AnyRoute[] = [deadlinesRoute, victimLegalRoute];
