import { Foundation1763760000000 } from './1763760000000-foundation';
import { LeadsAndDeconfliction1763770000000 } from './1763770000000-leads-and-deconfliction';
import { Cases1763780000000 } from './1763780000000-cases';
import { Victims1763790000000 } from './1763790000000-victims';
import { Services1763800000000 } from './1763800000000-services';
import { Deadlines1763810000000 } from './1763810000000-deadlines';
import { Referrals1763820000000 } from './1763820000000-referrals';
import { Dashboard1763830000000 } from './1763830000000-dashboard';
import { DashboardRollup1763840000000 } from './1763840000000-dashboard-rollup';
import { VisibilitySets1763850000000 } from './1763850000000-visibility-sets';
import { ClosedCaseReferrals1763860000000 } from './1763860000000-closed-case-referrals';
import { DenialsOwningAgency1763860010000 } from './1763860010000-denials-owning-agency';
import { DefinerFunctionsFailClosed1763860020000 } from './1763860020000-definer-functions-fail-closed';
import { DashboardTaskForcePeriods1763870000000 } from './1763870000000-dashboard-task-force-periods';
import { AuditCheckpointsAndStrayRows1763890000000 } from './1763890000000-audit-checkpoints-and-stray-rows';
import { AgencyIdentityProviders1763900000000 } from './1763900000000-agency-identity-providers';
import { LiveSessionPrincipal1763910000000 } from './1763910000000-live-session-principal';
import { CredentialWrites1763910010000 } from './1763910010000-credential-writes';
import { RoleDimensionRls1763920000000 } from './1763920000000-role-dimension-rls';
import { UserSecretColumns1763930000000 } from './1763930000000-user-secret-columns';
import { AuditChainedAtCommit1763940000000 } from './1763940000000-audit-chained-at-commit';
import { CaseCounts1763950000000 } from './1763950000000-case-counts';
import { RequestPrincipal1763960000000 } from './1763960000000-request-principal';
import { CaseWorkerOneLookup1763970000000 } from './1763970000000-case-worker-one-lookup';
import { PrincipalAccessorsUnshadowable1763980000000 } from './1763980000000-principal-accessors-unshadowable';
import { CasesReadHashedShares1763990000000 } from './1763990000000-cases-read-hashed-shares';

/** Every migration, in order. Listed explicitly (no glob) so the build and the tests see the same set. */
export const MIGRATIONS = [
  Foundation1763760000000,
  LeadsAndDeconfliction1763770000000,
  Cases1763780000000,
  Victims1763790000000,
  Services1763800000000,
  Deadlines1763810000000,
  Referrals1763820000000,
  Dashboard1763830000000,
  DashboardRollup1763840000000,
  VisibilitySets1763850000000,
  ClosedCaseReferrals1763860000000,
  DenialsOwningAgency1763860010000,
  DefinerFunctionsFailClosed1763860020000,
  DashboardTaskForcePeriods1763870000000,
  AuditCheckpointsAndStrayRows1763890000000,
  AgencyIdentityProviders1763900000000,
  LiveSessionPrincipal1763910000000,
  CredentialWrites1763910010000,
  RoleDimensionRls1763920000000,
  UserSecretColumns1763930000000,
  AuditChainedAtCommit1763940000000,
  CaseCounts1763950000000,
  RequestPrincipal1763960000000,
  CaseWorkerOneLookup1763970000000,
  PrincipalAccessorsUnshadowable1763980000000,
  CasesReadHashedShares1763990000000,
];
