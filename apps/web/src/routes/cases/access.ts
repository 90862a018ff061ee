import type { CaseAccessLevel, CaseStatus } from '../../gql/graphql';

/**
 * Which controls a case shows, from what the API says (the agency's standing on the case, myAccess)
 * and the signed-in person's permissions. It only hides what the API would refuse anyway
 * (CasesService / CaseWorkService / ReferralsService): the API decides, and a refusal is shown.
 * A closed case is read-only for every write, notes and share revocations included (the API's rule).
 */
export interface CaseAbilities {
  /** Edit the summary fields, move the status, share and change a share's level (the lead agency). */
  edit: boolean;
  /** Revoke a share (the lead agency, while the case is open). */
  revoke: boolean;
  /** Close the case (a supervisor of the lead agency). */
  close: boolean;
  /** Add subjects and tasks (the lead agency or a CONTRIBUTE participant). */
  work: boolean;
  /** Record charges, dispositions and sentences (investigators and prosecutors, lead or CONTRIBUTE). */
  charge: boolean;
  /** Add a note (lead or CONTRIBUTE, while the case is open). */
  note: boolean;
  /** Refer the case to another agency (the lead agency's investigators and supervisors). */
  refer: boolean;
  /** Check identifiers against other agencies. */
  deconflict: boolean;
}

export function caseAbilities(c: { myAccess: CaseAccessLevel; status: CaseStatus }, can: (permission: string) => boolean): CaseAbilities {
  const lead = c.myAccess === 'LEAD';
  const contributes = lead || c.myAccess === 'CONTRIBUTE';
  const open = c.status !== 'CLOSED';
  return {
    edit: lead && open && can('CASE_WRITE'),
    revoke: lead && open && can('CASE_WRITE'),
    close: lead && open && can('CASE_CLOSE'),
    work: contributes && open && can('CASE_WRITE'),
    charge: contributes && open && can('CHARGE_WRITE'),
    note: contributes && open && can('CASE_NOTE'),
    refer: lead && open && can('CASE_WRITE') && can('REFERRAL_SEND'),
    deconflict: can('DECONFLICTION'),
  };
}

/** The moves setCaseStatus allows from each status (the API's CASE_TRANSITIONS; CLOSED only through closeCase). */
export const NEXT_STATUSES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  OPEN: ['ACTIVE'],
  ACTIVE: ['REFERRED_FOR_PROSECUTION'],
  REFERRED_FOR_PROSECUTION: ['CHARGED', 'ACTIVE'],
  CHARGED: ['ADJUDICATED'],
  ADJUDICATED: [],
  CLOSED: [],
};

/** A closure the API accepts from a status: RESOLVED only after adjudication. */
export const closuresFrom = (status: CaseStatus) =>
  status === 'ADJUDICATED'
    ? (['RESOLVED', 'UNFOUNDED', 'INSUFFICIENT_EVIDENCE'] as const)
    : (['UNFOUNDED', 'INSUFFICIENT_EVIDENCE'] as const);
