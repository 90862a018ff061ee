/**
 * Demo leads drawn from the source documents (shared/seeds): a labor case on a ranch, an illicit
 * massage business, a familial DMST disclosure, online recruitment, a traveling sales crew, a
 * truck-stop contact on the Wind River reservation. The foreman's phone appears in both an LCSO
 * and a DCI lead, and an escort handle in both CPD's and FBI's: the demo shows deconfliction.
 */
export interface DemoLead {
  agency: string;
  createdBy: string;
  source: string;
  receivedAt: string;
  suspectedType: string;
  venue?: string;
  county: string;
  city?: string;
  indicators: string[];
  narrative: string;
  identifiers: { kind: string; value: string; birthDate?: string }[];
  status?: 'TRIAGED' | 'UNFOUNDED';
  priority?: string;
  assignedTo?: string;
  closedReason?: string;
}

export const DEMO_LEADS: DemoLead[] = [
  {
    agency: 'lcso',
    createdBy: 'lcso.investigator',
    source: 'HOTLINE',
    receivedAt: '2026-09-14T16:20:00Z',
    suspectedType: 'LABOR',
    venue: 'AGRICULTURE_ANIMAL_HUSBANDRY',
    county: 'Laramie',
    city: 'Burns',
    indicators: ['CONTROLLED_IDENTITY_DOCUMENTS', 'EXCESSIVE_HOURS_LOW_PAY', 'OVERCROWDED_HOUSING', 'DEBT_BONDAGE'],
    narrative:
      'National hotline signal: six ranch hands on H-2A visas housed in one trailer east of Burns. The foreman keeps their passports "for safekeeping" and deducts rent and transport from pay; 14-hour days during calving.',
    identifiers: [
      { kind: 'PHONE', value: '(307) 555-0187' },
      { kind: 'PLATE', value: 'WY 2-4471' },
    ],
    status: 'TRIAGED',
    priority: 'HIGH',
    assignedTo: 'lcso.investigator',
  },
  {
    agency: 'lcso',
    createdBy: 'lcso.investigator2',
    source: 'COMMUNITY_TIP',
    receivedAt: '2026-10-03T03:10:00Z',
    suspectedType: 'SEX',
    venue: 'ILLICIT_MASSAGE_HEALTH_BEAUTY',
    county: 'Laramie',
    city: 'Cheyenne',
    indicators: ['RESTRICTED_MOVEMENT', 'NOT_ALLOWED_TO_SPEAK_FOR_SELF', 'ONLINE_ADVERTISEMENT'],
    narrative:
      'Neighbour reports men arriving after midnight at a massage business; the women working there appear to sleep on site and are driven to a grocery store once a week by the same man.',
    identifiers: [{ kind: 'ADDRESS', value: '1910 E Lincolnway, Cheyenne, WY' }],
  },
  {
    agency: 'lcso',
    createdBy: 'lcso.investigator',
    source: 'SCHOOL',
    receivedAt: '2026-10-21T19:45:00Z',
    suspectedType: 'SEX',
    venue: 'PERSONAL_SEXUAL_SERVITUDE',
    county: 'Laramie',
    city: 'Cheyenne',
    indicators: ['MINOR_IN_COMMERCIAL_SEX', 'OLDER_CONTROLLING_PARTNER', 'FEARFUL_SUBMISSIVE'],
    narrative:
      'School counsellor: a 15-year-old disclosed that a relative arranges "dates" with adult men for money; an older "boyfriend" collects her after school. Familial pattern; DFS to be notified.',
    identifiers: [],
    status: 'TRIAGED',
    priority: 'URGENT',
    assignedTo: 'lcso.investigator2',
  },
  {
    agency: 'lcso',
    createdBy: 'lcso.investigator2',
    source: 'PATROL',
    receivedAt: '2026-08-02T22:00:00Z',
    suspectedType: 'UNDETERMINED',
    county: 'Laramie',
    city: 'Pine Bluffs',
    indicators: ['TRANSPORTED_IN_GROUPS'],
    narrative:
      'Van with eight passengers stopped on I-80; passengers stated they were a church group travelling to Denver. Verified with the congregation.',
    identifiers: [{ kind: 'PLATE', value: 'CO AXR-219' }],
    status: 'UNFOUNDED',
    closedReason: 'Verified with the congregation; passengers held their own documents and travelled freely.',
  },
  {
    agency: 'cpd',
    createdBy: 'cpd.investigator',
    source: 'ONLINE',
    receivedAt: '2026-10-11T14:05:00Z',
    suspectedType: 'SEX',
    venue: 'ESCORT_SERVICES',
    county: 'Laramie',
    city: 'Cheyenne',
    indicators: ['ONLINE_ADVERTISEMENT', 'MINOR_IN_COMMERCIAL_SEX', 'BRANDING_TATTOOS'],
    narrative:
      'Escort advertisements list the same Cheyenne number in two ads a week apart; photos suggest one of the women may be a minor; a crown tattoo is visible on two different women.',
    identifiers: [
      { kind: 'PHONE', value: '307-555-0163' },
      { kind: 'HANDLE', value: '@cheyenne_angels' },
    ],
    status: 'TRIAGED',
    priority: 'HIGH',
    assignedTo: 'cpd.investigator',
  },
  {
    agency: 'dci',
    createdBy: 'dci.investigator',
    source: 'ONLINE',
    receivedAt: '2026-09-29T18:30:00Z',
    suspectedType: 'SEX',
    venue: 'REMOTE_INTERACTIVE_SEXUAL_ACTS',
    county: 'Albany',
    city: 'Laramie',
    indicators: ['RECRUITMENT_FALSE_PROMISES', 'ONLINE_ADVERTISEMENT'],
    narrative:
      'Social-media account offering "modeling" work to Laramie teenagers; moves conversations to an encrypted app and asks for photos and a trip to Denver.',
    identifiers: [{ kind: 'HANDLE', value: '@wyo_model_scout' }],
  },
  {
    agency: 'dci',
    createdBy: 'dci.investigator',
    source: 'AGENCY_REFERRAL',
    receivedAt: '2026-10-08T09:15:00Z',
    suspectedType: 'LABOR',
    venue: 'TRAVELING_SALES_CREWS',
    county: 'Sweetwater',
    city: 'Rock Springs',
    indicators: ['DEBT_BONDAGE', 'TRANSPORTED_IN_GROUPS', 'EARNINGS_TAKEN_BY_THIRD_PARTY'],
    narrative:
      'Motel manager via Rock Springs PD: a door-to-door sales crew of young adults says they owe the crew boss for travel and lodging and hand over daily takings. Crew boss gave the same contact number as a ranch foreman in Laramie County.',
    identifiers: [{ kind: 'PHONE', value: '+1 307 555 0187' }],
  },
  {
    agency: 'hsi',
    createdBy: 'hsi.investigator',
    source: 'HEALTHCARE',
    receivedAt: '2026-10-17T06:40:00Z',
    suspectedType: 'LABOR',
    venue: 'RESTAURANTS_FOOD_SERVICE',
    county: 'Natrona',
    city: 'Casper',
    indicators: ['SIGNS_OF_ABUSE', 'NOT_ALLOWED_TO_SPEAK_FOR_SELF', 'CONTROLLED_IDENTITY_DOCUMENTS'],
    narrative:
      'Emergency-room nurse: kitchen worker with untreated burns; the employer answered every question for him and holds his documents. Recently arrived from abroad; speaks little English.',
    identifiers: [],
    status: 'TRIAGED',
    priority: 'HIGH',
    assignedTo: 'hsi.investigator',
  },
  {
    agency: 'wrpd',
    createdBy: 'wrpd.investigator',
    source: 'PATROL',
    receivedAt: '2026-10-25T04:50:00Z',
    suspectedType: 'SEX',
    venue: 'OUTDOOR_SOLICITATION',
    county: 'Fremont',
    city: 'Riverton',
    indicators: ['NOT_ALLOWED_TO_SPEAK_FOR_SELF', 'UNAWARE_OF_LOCATION'],
    narrative:
      'Truck-stop contact on US-26: young woman without ID could not say which town she was in; a man waiting in a pickup answered for her and left before a second unit arrived.',
    identifiers: [{ kind: 'PLATE', value: 'WY 23-8812' }],
  },
  {
    agency: 'fbi',
    createdBy: 'fbi.investigator',
    source: 'HOTLINE',
    receivedAt: '2026-10-30T20:10:00Z',
    suspectedType: 'SEX',
    venue: 'HOTELS_HOSPITALITY',
    county: 'Natrona',
    city: 'Casper',
    indicators: ['RESTRICTED_MOVEMENT', 'EARNINGS_TAKEN_BY_THIRD_PARTY', 'BRANDING_TATTOOS'],
    narrative:
      'Hotline tip: women moved between Casper and Cheyenne hotels every few days; a man books the rooms and takes the money. Ads posted under a handle seen in Cheyenne.',
    identifiers: [{ kind: 'HANDLE', value: 'Cheyenne_Angels' }],
  },
];
