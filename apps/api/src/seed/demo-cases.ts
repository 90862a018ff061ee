/**
 * Demo cases drawn from the source documents (shared/seeds): the ranch labor case, a familial
 * DMST disclosure, an illicit massage business, a traveling sales crew and a hotel circuit
 * advertised online; plus one closed for insufficient evidence. They are shared across the task
 * force (DCI, USAO, HSI, FBI, LCDA, DFS and the shelter) at READ or CONTRIBUTE, and the massage
 * business's address, recorded on a CPD subject, matches an LCSO lead: a cross-agency match.
 *
 * Names are invented. Subjects are people of interest, not findings of guilt.
 */
export interface DemoIdentifier {
  kind: string;
  value: string;
  birthDate?: string;
}

export interface DemoCase {
  agency: string;
  openedBy: string;
  /** The lead (by reference) it was promoted from; the lead becomes PROMOTED. */
  fromLead?: string;
  openedAt: string;
  title: string;
  summary: string;
  traffickingType: string;
  venue?: string;
  meansOfControl: string[];
  controlDetail?: string;
  counties: string[];
  assignees: string[];
  status: string;
  closure?: { as: string; reason: string; by: string };
  identifiers?: DemoIdentifier[];
  shares: { agency: string; access: 'READ' | 'CONTRIBUTE'; by: string }[];
  subjects: {
    agency: string;
    by: string;
    role: string;
    displayName: string;
    description?: string;
    status: string;
    identifiers?: DemoIdentifier[];
    charges?: {
      agency: string;
      by: string;
      statute: string;
      counts?: number;
      filedOn?: string;
      disposition?: string;
      dispositionOn?: string;
    }[];
  }[];
  notes: { agency: string; by: string; at: string; body: string }[];
  tasks: { agency: string; by: string; title: string; assignee?: string; dueOn?: string; done?: boolean }[];
}

export const DEMO_CASES: DemoCase[] = [
  {
    agency: 'lcso',
    openedBy: 'lcso.investigator',
    fromLead: 'LCSO-L-2026-0001',
    openedAt: '2026-09-18T15:00:00Z',
    title: 'Burns ranch: H-2A workers, passports held by foreman',
    summary:
      'Six H-2A ranch hands housed in one trailer; the foreman holds their passports and deducts rent and transport from pay. Workers report threats of deportation if they leave before the season ends.',
    traffickingType: 'LABOR',
    venue: 'AGRICULTURE_ANIMAL_HUSBANDRY',
    meansOfControl: ['FRAUD', 'COERCION'],
    controlDetail: 'Passports withheld; wage deductions create a debt; threats to report workers to immigration.',
    counties: ['Laramie'],
    assignees: ['lcso.investigator', 'lcso.investigator2'],
    status: 'REFERRED_FOR_PROSECUTION',
    shares: [
      { agency: 'dci', access: 'CONTRIBUTE', by: 'lcso.supervisor' },
      { agency: 'usao', access: 'CONTRIBUTE', by: 'lcso.supervisor' },
      { agency: 'hsi', access: 'READ', by: 'lcso.supervisor' },
    ],
    subjects: [
      {
        agency: 'lcso',
        by: 'lcso.investigator',
        role: 'TRAFFICKER',
        displayName: 'Dale Rourke (foreman)',
        status: 'ARRESTED',
        description: 'Foreman; recruits through a labor contractor in Chihuahua; drives a white F-250.',
        identifiers: [
          { kind: 'PERSON', value: 'Dale Rourke', birthDate: '1971-03-09' },
          { kind: 'PHONE', value: '(307) 555-0187' },
        ],
        charges: [
          { agency: 'usao', by: 'usao.prosecutor', statute: 'US-18-1589', counts: 6, filedOn: '2026-11-10' },
          { agency: 'usao', by: 'usao.prosecutor', statute: 'US-18-1592', counts: 6, filedOn: '2026-11-10' },
        ],
      },
      {
        agency: 'dci',
        by: 'dci.investigator',
        role: 'FACILITATOR',
        displayName: 'Labor contractor "El Primo"',
        status: 'UNIDENTIFIED',
        description: 'Arranges visas and transport; workers paid him a recruitment fee.',
      },
    ],
    notes: [
      {
        agency: 'lcso',
        by: 'lcso.investigator',
        at: '2026-09-20T18:00:00Z',
        body: 'Welfare check at the trailer with a Spanish-speaking deputy. Five of six workers present; all confirm passports are held in the ranch office safe.',
      },
      {
        agency: 'dci',
        by: 'dci.investigator',
        at: '2026-10-09T15:30:00Z',
        body: 'DCI sales-crew case in Rock Springs lists the same contact number for its crew boss. Coordinating before any further contact.',
      },
      {
        agency: 'usao',
        by: 'usao.prosecutor',
        at: '2026-11-10T21:00:00Z',
        body: 'Complaint filed under 18 U.S.C. 1589 and 1592. Continued Presence requests in preparation for four workers.',
      },
    ],
    tasks: [
      {
        agency: 'lcso',
        by: 'lcso.investigator',
        title: 'Interview workers with an interpreter (victim advocate present)',
        assignee: 'lcso.investigator',
        dueOn: '2026-09-25',
        done: true,
      },
      {
        agency: 'lcso',
        by: 'lcso.investigator',
        title: 'Obtain H-2A petition and payroll records',
        assignee: 'lcso.investigator2',
        dueOn: '2026-12-05',
      },
      {
        agency: 'dci',
        by: 'dci.investigator',
        title: "Trace the contractor's wire transfers",
        assignee: 'dci.investigator',
        dueOn: '2026-12-15',
      },
    ],
  },
  {
    agency: 'lcso',
    openedBy: 'lcso.investigator2',
    fromLead: 'LCSO-L-2026-0003',
    openedAt: '2026-10-22T16:00:00Z',
    title: 'Familial DMST: school disclosure (minor, 15)',
    summary:
      'A 15-year-old disclosed to a school counsellor that a relative arranges paid "dates" with adult men; an older "boyfriend" transports her. DFS notified the same day.',
    traffickingType: 'SEX',
    venue: 'PERSONAL_SEXUAL_SERVITUDE',
    meansOfControl: ['COERCION'],
    controlDetail: 'Family dependence and threats to send her away; the boyfriend controls her phone.',
    counties: ['Laramie'],
    assignees: ['lcso.investigator2'],
    status: 'CHARGED',
    shares: [
      { agency: 'lcda', access: 'CONTRIBUTE', by: 'lcso.supervisor' },
      { agency: 'dfs', access: 'READ', by: 'lcso.supervisor' },
      { agency: 'safeharbor', access: 'READ', by: 'lcso.supervisor' },
    ],
    subjects: [
      {
        agency: 'lcso',
        by: 'lcso.investigator2',
        role: 'TRAFFICKER',
        displayName: 'Relative (uncle)',
        status: 'CHARGED',
        identifiers: [{ kind: 'PERSON', value: 'Roy Tallman', birthDate: '1979-11-30' }],
        charges: [{ agency: 'lcda', by: 'lcda.prosecutor', statute: 'WY-SERVITUDE-MINOR', filedOn: '2026-11-05' }],
      },
      {
        agency: 'lcso',
        by: 'lcso.investigator2',
        role: 'FACILITATOR',
        displayName: '"Boyfriend" (22)',
        status: 'ARRESTED',
        identifiers: [{ kind: 'PLATE', value: 'WY 2-9135' }],
        charges: [{ agency: 'lcda', by: 'lcda.prosecutor', statute: 'WY-6-2-702', filedOn: '2026-11-05' }],
      },
      {
        agency: 'lcso',
        by: 'lcso.investigator2',
        role: 'BUYER',
        displayName: 'Buyer identified from phone records',
        status: 'CHARGED',
        charges: [{ agency: 'lcda', by: 'lcda.prosecutor', statute: 'WY-PATRONIZING', filedOn: '2026-11-12' }],
      },
    ],
    notes: [
      {
        agency: 'lcso',
        by: 'lcso.investigator2',
        at: '2026-10-22T20:00:00Z',
        body: 'Forensic interview scheduled at the child advocacy centre; DFS caseworker present. Mandatory DFS referral made by phone at 13:40.',
      },
      {
        agency: 'lcda',
        by: 'lcda.prosecutor',
        at: '2026-11-05T17:00:00Z',
        body: 'Charges filed in district court. Victim is not to be subpoenaed for the preliminary hearing; using the forensic interview.',
      },
    ],
    tasks: [
      {
        agency: 'lcso',
        by: 'lcso.investigator2',
        title: 'Preservation request to the phone carrier',
        assignee: 'lcso.investigator2',
        dueOn: '2026-10-24',
        done: true,
      },
      { agency: 'lcda', by: 'lcda.prosecutor', title: 'Preliminary hearing', assignee: 'lcda.prosecutor', dueOn: '2026-12-02' },
    ],
  },
  {
    agency: 'cpd',
    openedBy: 'cpd.investigator',
    openedAt: '2026-10-06T14:00:00Z',
    title: 'Illicit massage business on East Lincolnway',
    summary:
      'Women appear to live on site and are driven to shop once a week by the same man; online ads for the business run on review boards. Surveillance under way.',
    traffickingType: 'SEX',
    venue: 'ILLICIT_MASSAGE_HEALTH_BEAUTY',
    meansOfControl: ['FRAUD', 'COERCION'],
    controlDetail: 'Debts for travel from California; passports kept by the manager; women do not leave alone.',
    counties: ['Laramie'],
    assignees: ['cpd.investigator'],
    status: 'ACTIVE',
    shares: [
      { agency: 'lcso', access: 'CONTRIBUTE', by: 'cpd.supervisor' },
      { agency: 'fbi', access: 'READ', by: 'cpd.supervisor' },
      { agency: 'safeharbor', access: 'READ', by: 'cpd.supervisor' },
    ],
    subjects: [
      {
        agency: 'cpd',
        by: 'cpd.investigator',
        role: 'TRAFFICKER',
        displayName: 'Manager known as "Lily"',
        status: 'UNDER_INVESTIGATION',
        identifiers: [
          { kind: 'ADDRESS', value: '1910 East Lincolnway, Cheyenne, WY' },
          { kind: 'PHONE', value: '307-555-0129' },
        ],
      },
      { agency: 'cpd', by: 'cpd.investigator', role: 'FACILITATOR', displayName: 'Driver (grey Sienna)', status: 'UNIDENTIFIED' },
    ],
    notes: [
      {
        agency: 'cpd',
        by: 'cpd.investigator',
        at: '2026-10-07T03:00:00Z',
        body: 'Deconfliction notice: LCSO holds a lead on this address. Called the LCSO duty sergeant; LCSO joins as contributor.',
      },
      {
        agency: 'lcso',
        by: 'lcso.investigator2',
        at: '2026-10-15T22:00:00Z',
        body: 'Overnight surveillance: four men entered between 23:00 and 02:00. Same driver seen at the grocery store on Dell Range.',
      },
    ],
    tasks: [
      {
        agency: 'cpd',
        by: 'cpd.investigator',
        title: 'Subpoena the business licence and lease',
        assignee: 'cpd.investigator',
        dueOn: '2026-11-28',
      },
      {
        agency: 'cpd',
        by: 'cpd.supervisor',
        title: 'Plan the welfare contact with High Plains Safe Harbor advocates on scene',
        assignee: 'cpd.supervisor',
        dueOn: '2026-12-01',
      },
    ],
  },
  {
    agency: 'dci',
    openedBy: 'dci.investigator',
    fromLead: 'DCI-L-2026-0002',
    openedAt: '2026-10-09T13:00:00Z',
    title: 'Rock Springs door-to-door sales crew',
    summary:
      'Young adults recruited online for a "travel and earn" sales job; the crew boss holds the takings and charges for lodging and travel.',
    traffickingType: 'LABOR',
    venue: 'TRAVELING_SALES_CREWS',
    meansOfControl: ['FRAUD', 'COERCION'],
    controlDetail: 'Manufactured debt; abandonment threats in unfamiliar towns.',
    counties: ['Sweetwater', 'Laramie'],
    assignees: ['dci.investigator'],
    status: 'ACTIVE',
    shares: [
      { agency: 'fbi', access: 'CONTRIBUTE', by: 'dci.supervisor' },
      { agency: 'lcso', access: 'READ', by: 'dci.supervisor' },
    ],
    subjects: [
      {
        agency: 'dci',
        by: 'dci.investigator',
        role: 'TRAFFICKER',
        displayName: 'Crew boss',
        status: 'UNDER_INVESTIGATION',
        identifiers: [{ kind: 'HANDLE', value: '@travel_earn_crew' }],
      },
    ],
    notes: [
      {
        agency: 'dci',
        by: 'dci.investigator',
        at: '2026-10-10T16:00:00Z',
        body: 'Motel manager statement taken. Crew moves to Laramie next week per the booking.',
      },
    ],
    tasks: [
      {
        agency: 'fbi',
        by: 'fbi.investigator',
        title: 'Check the recruitment ads against federal leads',
        assignee: 'fbi.investigator',
        dueOn: '2026-11-30',
      },
    ],
  },
  {
    agency: 'fbi',
    openedBy: 'fbi.investigator',
    fromLead: 'FBI-L-2026-0001',
    openedAt: '2026-11-02T18:00:00Z',
    title: 'Casper-Cheyenne hotel circuit advertised online',
    summary:
      'Women rotated between Casper and Cheyenne hotels; one man books the rooms and takes the money; ads posted under a handle CPD also works.',
    traffickingType: 'SEX',
    venue: 'HOTELS_HOSPITALITY',
    meansOfControl: ['FORCE', 'COERCION'],
    controlDetail: 'Branding tattoos; money taken; movement every few days so victims do not know where they are.',
    counties: ['Natrona', 'Laramie'],
    assignees: ['fbi.investigator'],
    status: 'ACTIVE',
    shares: [
      { agency: 'cpd', access: 'CONTRIBUTE', by: 'fbi.investigator' },
      { agency: 'dci', access: 'READ', by: 'fbi.investigator' },
      { agency: 'usao', access: 'READ', by: 'fbi.investigator' },
    ],
    subjects: [
      {
        agency: 'fbi',
        by: 'fbi.investigator',
        role: 'TRAFFICKER',
        displayName: 'Account holder "cheyenne_angels"',
        status: 'UNDER_INVESTIGATION',
      },
    ],
    notes: [
      {
        agency: 'cpd',
        by: 'cpd.investigator',
        at: '2026-11-04T15:00:00Z',
        body: 'CPD lead on the same handle merged into this case; our escort-ad number is in the same ads.',
      },
    ],
    tasks: [
      {
        agency: 'fbi',
        by: 'fbi.investigator',
        title: 'Legal process to the ad platform for account records',
        assignee: 'fbi.investigator',
        dueOn: '2026-11-20',
      },
    ],
  },
  {
    agency: 'lcso',
    openedBy: 'lcso.investigator',
    openedAt: '2026-07-11T15:00:00Z',
    title: 'Day-labor van at the Pine Bluffs truck stop',
    summary: 'Report of laborers picked up daily and paid in cash far below minimum wage.',
    traffickingType: 'LABOR',
    venue: 'CONSTRUCTION',
    meansOfControl: [],
    counties: ['Laramie'],
    assignees: ['lcso.investigator'],
    status: 'CLOSED',
    closure: {
      as: 'INSUFFICIENT_EVIDENCE',
      by: 'lcso.supervisor',
      reason: 'Workers interviewed came and went freely and were paid; wage complaint referred to the Department of Workforce Services.',
    },
    shares: [],
    subjects: [],
    notes: [
      {
        agency: 'lcso',
        by: 'lcso.investigator',
        at: '2026-07-20T17:00:00Z',
        body: 'Three workers interviewed; none reported threats or held documents. Wage issue only.',
      },
    ],
    tasks: [],
  },
];
