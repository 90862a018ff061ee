/**
 * Demo survivors for the demo cases (invented people): an adult labor victim of the Burns ranch
 * case with immigration relief in progress (consent to HSI), the minor of the familial DMST case
 * (consent to DFS for the mandatory referral), and an adult woman from the massage business kept
 * by the shelter, whose consent to DCI expires in ten days (it shows in the reminders).
 *
 * Their legal matters give every deadline rule something to show: Continued Presence and an
 * overdue T-visa declaration request, a federal detention hearing next week, the minor's DFS
 * referral (met by the service) and civil-action window, a U-visa certification request to CPD.
 */
export interface DemoVictim {
  agency: string;
  by: string;
  /** Case titles (from demo-cases) the victim is linked to. */
  cases: string[];
  ageBand: string;
  minor: boolean;
  gender: string;
  traffickingType: string;
  riskFactors: string[];
  safetyFlags: string[];
  identity: Record<string, string>;
  consents: { recipient: string; scopes: string[]; purpose: string; signedDaysAgo: number; expiresInDays: number; witness: string }[];
  services: {
    category: string;
    provider: string;
    detail?: string;
    status: string;
    requestedDaysAgo: number;
    startedDaysAgo?: number;
    endedDaysAgo?: number;
    note?: string;
    noteBy?: string;
  }[];
  advocate: string;
  crimeDaysAgo: number;
  identifiedDaysAgo: number;
  matters: {
    kind: 'CONTINUED_PRESENCE' | 'T_VISA_DECLARATION' | 'U_VISA_CERTIFICATION' | 'COURT_DATE';
    description?: string;
    certifyingAgency?: string;
    requestedDaysAgo?: number;
    grantedDaysAgo?: number;
    lengthMonths?: number;
    eventInDays?: number;
  }[];
}

export const DEMO_VICTIMS: DemoVictim[] = [
  {
    agency: 'lcso',
    by: 'lcso.advocate',
    cases: ['Burns ranch: H-2A workers, passports held by foreman'],
    ageBand: 'AGE_25_34',
    minor: false,
    gender: 'MALE',
    traffickingType: 'LABOR',
    riskFactors: ['RECENT_MIGRATION_OR_RELOCATION'],
    safetyFlags: ['INTERPRETER_NEEDED', 'TRAFFICKER_AT_LARGE'],
    identity: {
      legalName: 'Jesús Alberto Marín Ochoa',
      birthDate: '1994-06-12',
      languages: 'Spanish',
      phone: '+1 307 555 0110',
      address: 'Safe housing arranged by LCSO victim services',
      immigrationStatus: 'H-2A (lapsed); Continued Presence granted through HSI; T visa declaration requested',
      healthNotes: 'Back injury from lifting; physiotherapy referral',
    },
    consents: [
      {
        recipient: 'hsi',
        scopes: ['IDENTITY', 'CONTACT'],
        purpose: 'Continued Presence application and T visa declaration',
        signedDaysAgo: 10,
        expiresInDays: 355,
        witness: 'Interpreter R. Duarte',
      },
    ],
    services: [
      { category: 'INTERPRETATION', provider: 'lcso', status: 'PROVIDED', requestedDaysAgo: 60, startedDaysAgo: 60, endedDaysAgo: 55 },
      {
        category: 'IMMIGRATION_RELIEF',
        provider: 'dvs',
        detail: 'Continued Presence, then T visa',
        status: 'IN_PROGRESS',
        requestedDaysAgo: 12,
        startedDaysAgo: 9,
        note: 'CP request sent through HSI; T visa intake booked with the legal clinic.',
        noteBy: 'dvs.advocate',
      },
      { category: 'CRIME_VICTIMS_COMPENSATION', provider: 'dvs', status: 'REQUESTED', requestedDaysAgo: 5 },
    ],
    advocate: 'lcso.advocate',
    crimeDaysAgo: 125,
    identifiedDaysAgo: 120,
    matters: [
      { kind: 'CONTINUED_PRESENCE', description: 'Sponsored by HSI Casper', grantedDaysAgo: 100, lengthMonths: 24 },
      { kind: 'T_VISA_DECLARATION', certifyingAgency: 'Homeland Security Investigations, Casper', requestedDaysAgo: 95 },
      { kind: 'COURT_DATE', description: 'Detention hearing of the ranch foreman, U.S. District Court, Cheyenne', eventInDays: 5 },
    ],
  },
  {
    agency: 'lcso',
    by: 'lcso.advocate',
    cases: ['Familial DMST: school disclosure (minor, 15)'],
    ageBand: 'AGE_15_17',
    minor: true,
    gender: 'FEMALE',
    traffickingType: 'SEX',
    riskFactors: ['CHILD_WELFARE_INVOLVEMENT', 'RUNAWAY_OR_HOMELESS_YOUTH'],
    safetyFlags: ['DO_NOT_CONTACT_AT_HOME', 'CONTACT_THROUGH_ADVOCATE_ONLY'],
    identity: {
      legalName: 'Destiny Rae Tallman',
      birthDate: '2011-03-22',
      address: 'Placed in kinship care (address with DFS)',
      languages: 'English',
    },
    consents: [
      {
        recipient: 'dfs',
        scopes: ['IDENTITY', 'CONTACT'],
        purpose: 'Mandatory child-welfare referral and safety plan',
        signedDaysAgo: 30,
        expiresInDays: 335,
        witness: 'Guardian ad litem',
      },
    ],
    services: [
      { category: 'CHILD_WELFARE_REFERRAL', provider: 'dfs', status: 'IN_PROGRESS', requestedDaysAgo: 30, startedDaysAgo: 30 },
      {
        category: 'MENTAL_HEALTH',
        provider: 'safeharbor',
        detail: 'Trauma-focused therapy for adolescents',
        status: 'REQUESTED',
        requestedDaysAgo: 20,
      },
    ],
    advocate: 'lcso.advocate',
    crimeDaysAgo: 32,
    identifiedDaysAgo: 30,
    matters: [
      {
        kind: 'COURT_DATE',
        description: 'Preliminary hearing, Laramie County Circuit Court (victim testimony by closed-circuit)',
        eventInDays: 12,
      },
    ],
  },
  {
    agency: 'safeharbor',
    by: 'safeharbor.advocate',
    cases: ['Illicit massage business on East Lincolnway'],
    ageBand: 'AGE_35_49',
    minor: false,
    gender: 'FEMALE',
    traffickingType: 'SEX',
    riskFactors: ['RECENT_MIGRATION_OR_RELOCATION'],
    safetyFlags: ['IN_SHELTER', 'THREATS_RECEIVED', 'INTERPRETER_NEEDED'],
    identity: {
      legalName: 'Li Wen Zhao',
      aliases: 'Lily (work name used by the manager)',
      birthDate: '1985-11-04',
      languages: 'Mandarin',
      phone: '+1 307 555 0175',
      immigrationStatus: 'Visa overstay; U visa eligibility under review',
    },
    consents: [
      {
        recipient: 'dci',
        scopes: ['IDENTITY'],
        purpose: 'Victim interview for the DCI financial investigation',
        signedDaysAgo: 80,
        expiresInDays: 10,
        witness: 'B. Sandoval',
      },
    ],
    services: [
      {
        category: 'EMERGENCY_SHELTER',
        provider: 'safeharbor',
        status: 'IN_PROGRESS',
        requestedDaysAgo: 40,
        startedDaysAgo: 40,
        note: 'Room 4; prefers a female interpreter.',
        noteBy: 'safeharbor.advocate2',
      },
      { category: 'MEDICAL', provider: 'safeharbor', status: 'PROVIDED', requestedDaysAgo: 40, startedDaysAgo: 39, endedDaysAgo: 39 },
      { category: 'LEGAL_ADVOCACY', provider: 'dvs', detail: 'U visa certification request', status: 'REQUESTED', requestedDaysAgo: 7 },
    ],
    advocate: 'safeharbor.advocate',
    crimeDaysAgo: 41,
    identifiedDaysAgo: 40,
    matters: [{ kind: 'U_VISA_CERTIFICATION', certifyingAgency: 'Cheyenne Police Department', requestedDaysAgo: 7 }],
  },
];
