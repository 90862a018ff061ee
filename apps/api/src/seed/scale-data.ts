import { CaseClosure, Indicator, LeadSource, MeansOfControl, TraffickingType, Venue } from '@app/cases';
import { RiskFactor, SafetyFlag, ServiceCategory } from '@app/victims';

/**
 * Vocabularies of the scale seed (scale-seed.ts): where the demo agencies work, how much of the
 * volume each carries, and the words records are made of. Drawn from the source documents
 * (shared/seeds) and the demo; every person is invented. Values of closed vocabularies are typed
 * by the libs' enums, so the API can always map what the seed writes.
 */

/** How much of each kind of work an agency carries (relative weights), by short code; others get the defaults. */
export interface AgencyProfile {
  /** Cases and leads it leads (law enforcement). */
  lead?: number;
  /** Cases other agencies share with it. */
  partner?: number;
  /** Victims it keeps (victim services, child welfare). */
  custody?: number;
  /** Where its cases happen (a key of PLACES). */
  places?: string;
  /** Share of its cases by type: sex, labor, both (the rest undetermined). */
  mix?: [number, number, number];
}

export const DEFAULT_PROFILE: Required<AgencyProfile> = { lead: 5, partner: 5, custody: 10, places: 'STATE', mix: [0.58, 0.24, 0.08] };

export const AGENCY_PROFILES: Record<string, AgencyProfile> = {
  LCSO: { lead: 28, partner: 7, places: 'LARAMIE_COUNTY' },
  CPD: { lead: 24, partner: 6, places: 'CHEYENNE', mix: [0.66, 0.16, 0.08] },
  DCI: { lead: 20, partner: 25, mix: [0.5, 0.32, 0.08] },
  FBI: { lead: 10, partner: 12, mix: [0.7, 0.14, 0.08] },
  HSI: { lead: 8, partner: 10, mix: [0.3, 0.55, 0.08] },
  WRPD: { lead: 10, partner: 4, places: 'WIND_RIVER', mix: [0.62, 0.18, 0.08] },
  USAO: { partner: 22 },
  LCDA: { partner: 18 },
  HPSH: { custody: 60 },
  DVS: { custody: 20 },
  DFS: { custody: 20 },
};

/** Towns by the area an agency covers: [city, county, weight (about the population)]. All 23 Wyoming counties appear. */
export const PLACES: Record<string, [string, string, number][]> = {
  STATE: [
    ['Cheyenne', 'Laramie', 65],
    ['Casper', 'Natrona', 59],
    ['Gillette', 'Campbell', 33],
    ['Laramie', 'Albany', 32],
    ['Rock Springs', 'Sweetwater', 23],
    ['Sheridan', 'Sheridan', 18],
    ['Green River', 'Sweetwater', 12],
    ['Evanston', 'Uinta', 12],
    ['Riverton', 'Fremont', 11],
    ['Jackson', 'Teton', 10],
    ['Cody', 'Park', 10],
    ['Rawlins', 'Carbon', 8],
    ['Lander', 'Fremont', 7.5],
    ['Douglas', 'Converse', 6.4],
    ['Powell', 'Park', 6.3],
    ['Torrington', 'Goshen', 6.1],
    ['Worland', 'Washakie', 5],
    ['Buffalo', 'Johnson', 4.5],
    ['Mills', 'Natrona', 4],
    ['Wheatland', 'Platte', 3.6],
    ['Newcastle', 'Weston', 3.4],
    ['Thermopolis', 'Hot Springs', 2.7],
    ['Kemmerer', 'Lincoln', 2.6],
    ['Afton', 'Lincoln', 2],
    ['Pinedale', 'Sublette', 2],
    ['Greybull', 'Big Horn', 1.7],
    ['Fort Washakie', 'Fremont', 1.7],
    ['Lusk', 'Niobrara', 1.5],
    ['Sundance', 'Crook', 1.2],
    ['Wright', 'Campbell', 1.2],
    ['Pine Bluffs', 'Laramie', 1.1],
  ],
  LARAMIE_COUNTY: [
    ['Cheyenne', 'Laramie', 60],
    ['Pine Bluffs', 'Laramie', 8],
    ['Burns', 'Laramie', 5],
    ['Carpenter', 'Laramie', 3],
    ['Albin', 'Laramie', 2],
    ['Granite Canon', 'Laramie', 2],
  ],
  CHEYENNE: [['Cheyenne', 'Laramie', 1]],
  WIND_RIVER: [
    ['Fort Washakie', 'Fremont', 30],
    ['Ethete', 'Fremont', 20],
    ['Arapahoe', 'Fremont', 15],
    ['Riverton', 'Fremont', 20],
    ['Lander', 'Fremont', 10],
    ['Crowheart', 'Fremont', 5],
  ],
};

/** Venues seen by type of trafficking (Polaris typology), most frequent first (repeats weigh). */
export const VENUES: Record<TraffickingType, Venue[]> = {
  [TraffickingType.SEX]: [
    Venue.ESCORT_SERVICES,
    Venue.ESCORT_SERVICES,
    Venue.ESCORT_SERVICES,
    Venue.HOTELS_HOSPITALITY,
    Venue.HOTELS_HOSPITALITY,
    Venue.ILLICIT_MASSAGE_HEALTH_BEAUTY,
    Venue.ILLICIT_MASSAGE_HEALTH_BEAUTY,
    Venue.RESIDENTIAL,
    Venue.RESIDENTIAL,
    Venue.PERSONAL_SEXUAL_SERVITUDE,
    Venue.OUTDOOR_SOLICITATION,
    Venue.BARS_STRIP_CLUBS_CANTINAS,
    Venue.PORNOGRAPHY,
    Venue.REMOTE_INTERACTIVE_SEXUAL_ACTS,
  ],
  [TraffickingType.LABOR]: [
    Venue.AGRICULTURE_ANIMAL_HUSBANDRY,
    Venue.AGRICULTURE_ANIMAL_HUSBANDRY,
    Venue.AGRICULTURE_ANIMAL_HUSBANDRY,
    Venue.CONSTRUCTION,
    Venue.CONSTRUCTION,
    Venue.TRAVELING_SALES_CREWS,
    Venue.TRAVELING_SALES_CREWS,
    Venue.RESTAURANTS_FOOD_SERVICE,
    Venue.HOTELS_HOSPITALITY,
    Venue.DOMESTIC_WORK,
    Venue.LANDSCAPING,
    Venue.COMMERCIAL_CLEANING,
    Venue.FACTORIES_MANUFACTURING,
    Venue.CARNIVALS,
    Venue.FORESTRY_LOGGING,
    Venue.HEALTH_CARE,
    Venue.PEDDLING_BEGGING,
  ],
  [TraffickingType.SEX_AND_LABOR]: [
    Venue.BARS_STRIP_CLUBS_CANTINAS,
    Venue.RESTAURANTS_FOOD_SERVICE,
    Venue.DOMESTIC_WORK,
    Venue.ILLICIT_MASSAGE_HEALTH_BEAUTY,
    Venue.HEALTH_BEAUTY_SERVICES,
    Venue.RESIDENTIAL,
    Venue.ILLICIT_ACTIVITIES,
  ],
  [TraffickingType.UNDETERMINED]: [
    Venue.OTHER,
    Venue.RESIDENTIAL,
    Venue.HOTELS_HOSPITALITY,
    Venue.ILLICIT_ACTIVITIES,
    Venue.ARTS_ENTERTAINMENT,
    Venue.RECREATIONAL_FACILITIES,
  ],
};

/** What a case title says about its venue (the title is "<city>: <phrase>"). */
export const VENUE_PHRASES: Record<Venue | 'NONE', string[]> = {
  ESCORT_SERVICES: [
    'escort ads, out-call to motels',
    'escort ring advertised online',
    'out-call escort service, one driver',
    'escort ads with the same phone number',
  ],
  ILLICIT_MASSAGE_HEALTH_BEAUTY: [
    'massage business, workers living on site',
    'spa open past midnight, women never leave',
    'massage parlor rotating workers',
  ],
  OUTDOOR_SOLICITATION: [
    'I-80 truck stop solicitation',
    'truck-stop lot, minor seen with older man',
    'street solicitation near the rail yard',
  ],
  RESIDENTIAL: ['house with rotating visitors', 'apartment used as a brothel', 'residence near the base, visitors at night'],
  DOMESTIC_WORK: ['live-in nanny, passport held', 'domestic worker without pay', 'housekeeper not allowed to leave'],
  BARS_STRIP_CLUBS_CANTINAS: [
    'cantina waitresses paying off a debt',
    'strip club dancers housed by the manager',
    'bar hostesses recruited from out of state',
  ],
  PORNOGRAPHY: ['filmed content sold online', 'webcam studio in a rental house'],
  TRAVELING_SALES_CREWS: ['door-to-door sales crew', 'magazine crew left stranded', 'sales crew, earnings kept by crew boss'],
  RESTAURANTS_FOOD_SERVICE: ['restaurant workers in owner housing', 'kitchen staff paid below the debt', 'food truck crew, documents held'],
  PEDDLING_BEGGING: ['children selling candy door to door', 'panhandling crew moved between towns'],
  AGRICULTURE_ANIMAL_HUSBANDRY: [
    'ranch hands, passports held by foreman',
    'sheep-herder on the range, no pay',
    'H-2A workers in one trailer',
    'calving-season crew charged for housing',
  ],
  PERSONAL_SEXUAL_SERVITUDE: [
    'familial exploitation disclosed at school',
    'minor exchanged by a relative',
    'girlfriend forced to pay a debt',
  ],
  HEALTH_BEAUTY_SERVICES: ["nail salon workers in the owner's house", 'salon staff recruited with false promises'],
  CONSTRUCTION: ['oil-field man camp crew', 'roofing crew paid in cash, documents held', 'pipeline crew charged for transport'],
  HOTELS_HOSPITALITY: [
    'motel circuit advertised online',
    'hotel housekeepers paying recruitment fees',
    'resort seasonal workers, visas held',
  ],
  LANDSCAPING: ['landscaping crew housed by the contractor', 'snow-removal crew paid below the debt'],
  ILLICIT_ACTIVITIES: ['forced drug sales', 'youths made to sell for a dealer'],
  ARTS_ENTERTAINMENT: ['touring performers with withheld pay', 'rodeo-circuit workers with withheld pay'],
  COMMERCIAL_CLEANING: ['night cleaning crew, wages kept by supervisor', 'janitorial crew recruited abroad'],
  FACTORIES_MANUFACTURING: ['processing plant workers in company housing', 'meat-packing crew with debts to recruiter'],
  REMOTE_INTERACTIVE_SEXUAL_ACTS: ['live-streamed exploitation', 'minor coerced into webcam shows'],
  CARNIVALS: ['fair and carnival crew, passports held', 'carnival workers on H-2B visas'],
  FORESTRY_LOGGING: ['logging crew in a remote camp', 'tree-thinning crew, pay withheld'],
  HEALTH_CARE: ['home-care aides recruited abroad', 'caregivers paying off placement fees'],
  RECREATIONAL_FACILITIES: ['ski resort seasonal workers', 'campground staff, documents held'],
  OTHER: ['tip under review', 'report from a partner agency', 'exploitation reported by a relative'],
  NONE: ['tip under review', 'report from a partner agency', 'signals from the hotline'],
};

export const CASE_SUMMARIES: Record<TraffickingType, string[]> = {
  [TraffickingType.SEX]: [
    'Women advertised online and moved between motels in {city}; one man books the rooms and collects the money.',
    'A minor disclosed that an older "boyfriend" arranges dates with adult men in {city}; relatives may be involved.',
    'Workers of a business in {city} appear to live on site and are driven everywhere by the same man.',
    'Phone numbers from escort ads in {city} match numbers from a previous investigation.',
  ],
  [TraffickingType.LABOR]: [
    'Workers near {city} are housed by their employer, who deducts rent and transport from pay and holds their passports.',
    'A crew recruited abroad with promises of good wages works long hours near {city} and owes the recruiter a growing debt.',
    'Crew members in {city} report threats of deportation if they leave before the season ends.',
    'A worker walked into the clinic in {city} with an untreated injury and said the employer forbids leaving the site.',
  ],
  [TraffickingType.SEX_AND_LABOR]: [
    'Women recruited for restaurant work in {city} were told they owed a debt and were made to see clients after closing.',
    'Workers of a business in {city} are made to work unpaid shifts by day and sent to clients at night.',
  ],
  [TraffickingType.UNDETERMINED]: [
    'Reports from {city} suggest exploitation; the type is not yet established.',
    'A partner agency passed on signals from {city} that need corroboration.',
  ],
};

export const CONTROL_DETAILS = [
  'Passports and visas held by the employer.',
  'A recruitment debt that grows with rent, food and transport deductions.',
  'Threats to report the workers to immigration.',
  'Threats against family members back home.',
  'Phones taken away; no contact outside the house.',
  'Drugs supplied to create dependence.',
  'Violence against a worker who tried to leave.',
];

export const LEAD_INTROS: Record<LeadSource, string[]> = {
  [LeadSource.HOTLINE]: ['National hotline signal:', 'Hotline call from a relative:'],
  [LeadSource.COMMUNITY_TIP]: ['Neighbour reports', 'Anonymous community tip:'],
  [LeadSource.PATROL]: ['Patrol contact:', 'Traffic stop on I-80:'],
  [LeadSource.ONLINE]: ['Online advertisement review:', 'Cyber tip:'],
  [LeadSource.AGENCY_REFERRAL]: ['Referral from a partner agency:', 'Passed on by a neighbouring county:'],
  [LeadSource.SELF_REPORT]: ['Walk-in self report:', 'A worker called the front desk:'],
  [LeadSource.HEALTHCARE]: ['Emergency department nurse reports', 'Clinic staff report'],
  [LeadSource.SCHOOL]: ['School counsellor reports', 'School resource officer reports'],
  [LeadSource.CHILD_WELFARE]: ['DFS caseworker reports', 'Child-welfare intake reports'],
  [LeadSource.OTHER]: ['Report received:', 'Information from an employer:'],
};

/** Lead sources, repeats weigh. */
export const LEAD_SOURCES: LeadSource[] = [
  LeadSource.HOTLINE,
  LeadSource.HOTLINE,
  LeadSource.HOTLINE,
  LeadSource.COMMUNITY_TIP,
  LeadSource.COMMUNITY_TIP,
  LeadSource.COMMUNITY_TIP,
  LeadSource.PATROL,
  LeadSource.PATROL,
  LeadSource.ONLINE,
  LeadSource.ONLINE,
  LeadSource.ONLINE,
  LeadSource.AGENCY_REFERRAL,
  LeadSource.AGENCY_REFERRAL,
  LeadSource.SELF_REPORT,
  LeadSource.HEALTHCARE,
  LeadSource.SCHOOL,
  LeadSource.CHILD_WELFARE,
  LeadSource.OTHER,
];

export const INDICATOR_SETS: Record<TraffickingType, Indicator[][]> = {
  [TraffickingType.SEX]: [
    [Indicator.ONLINE_ADVERTISEMENT],
    [Indicator.ONLINE_ADVERTISEMENT, Indicator.MINOR_IN_COMMERCIAL_SEX],
    [Indicator.RESTRICTED_MOVEMENT, Indicator.NOT_ALLOWED_TO_SPEAK_FOR_SELF],
    [Indicator.OLDER_CONTROLLING_PARTNER, Indicator.FEARFUL_SUBMISSIVE],
    [Indicator.BRANDING_TATTOOS, Indicator.ONLINE_ADVERTISEMENT],
    [Indicator.MINOR_IN_COMMERCIAL_SEX, Indicator.OLDER_CONTROLLING_PARTNER],
    [Indicator.EARNINGS_TAKEN_BY_THIRD_PARTY, Indicator.UNAWARE_OF_LOCATION],
    [Indicator.SIGNS_OF_ABUSE],
  ],
  [TraffickingType.LABOR]: [
    [Indicator.CONTROLLED_IDENTITY_DOCUMENTS, Indicator.EXCESSIVE_HOURS_LOW_PAY],
    [Indicator.OVERCROWDED_HOUSING, Indicator.DEBT_BONDAGE],
    [Indicator.RECRUITMENT_FALSE_PROMISES, Indicator.DEBT_BONDAGE],
    [Indicator.TRANSPORTED_IN_GROUPS],
    [Indicator.CONTROLLED_IDENTITY_DOCUMENTS, Indicator.OVERCROWDED_HOUSING, Indicator.DEBT_BONDAGE],
    [Indicator.EXCESSIVE_HOURS_LOW_PAY],
  ],
  [TraffickingType.SEX_AND_LABOR]: [
    [Indicator.DEBT_BONDAGE, Indicator.RESTRICTED_MOVEMENT],
    [Indicator.RECRUITMENT_FALSE_PROMISES, Indicator.EARNINGS_TAKEN_BY_THIRD_PARTY],
    [Indicator.CONTROLLED_IDENTITY_DOCUMENTS, Indicator.NOT_ALLOWED_TO_SPEAK_FOR_SELF],
  ],
  [TraffickingType.UNDETERMINED]: [
    [],
    [Indicator.TRANSPORTED_IN_GROUPS],
    [Indicator.FEARFUL_SUBMISSIVE],
    [Indicator.FORCED_CRIMINAL_ACTIVITY],
  ],
};

export const MEANS_SETS: MeansOfControl[][] = [
  [MeansOfControl.COERCION],
  [MeansOfControl.FRAUD, MeansOfControl.COERCION],
  [MeansOfControl.FORCE, MeansOfControl.COERCION],
  [MeansOfControl.FRAUD],
  [MeansOfControl.FORCE],
  [MeansOfControl.FORCE, MeansOfControl.FRAUD, MeansOfControl.COERCION],
  [],
];

export const CLOSE_REASONS: Record<CaseClosure, string[]> = {
  [CaseClosure.RESOLVED]: ['Adjudicated; victims connected with long-term services.', 'Sentencing complete; case closed.'],
  [CaseClosure.UNFOUNDED]: ['Interviews found no force, fraud or coercion.', 'Workers held their own documents and were free to leave.'],
  [CaseClosure.INSUFFICIENT_EVIDENCE]: [
    'Key witness left the state; no corroboration.',
    'Victims declined to cooperate; no independent evidence.',
  ],
};

export const LEAD_CLOSE_REASONS = [
  'Verified with the employer; workers held their own documents.',
  'No indicators on follow-up.',
  'Could not be corroborated.',
];

export const SUBJECT_SURNAMES = [
  'Kowalski',
  'Brennan',
  'Dubois',
  'Fischer',
  'Novak',
  'Petrov',
  'Horvath',
  'Lindgren',
  'Mahoney',
  'Castaneda',
  'Villanueva',
  'Escobedo',
  'Barrera',
  'Delacroix',
  'Kincaid',
  'Pruitt',
  'Ridley',
  'Slade',
  'Voss',
  'Wexler',
  'Zamora',
  'Quintero',
  'Beaumont',
  'Hargrove',
  'Stroud',
  'Tolbert',
  'Ingram',
  'McCall',
  'Dillard',
  'Crowe',
];
export const SUBJECT_NICKNAMES = ['El Primo', 'Boss', 'Uncle', 'Shorty', 'Big Mike', 'Cowboy', 'Doc', 'Tio', 'Smoke', 'Slim'];
export const UNIDENTIFIED_SUBJECTS = [
  'Unidentified driver (white F-250)',
  'Unidentified recruiter (phone only)',
  'Unidentified buyer',
  'Unidentified crew boss',
  'Unidentified man who books the rooms',
  'Unidentified labor contractor',
];
export const SUBJECT_DESCRIPTIONS = [
  'Drives the workers between sites.',
  'Books the motel rooms and collects the money.',
  'Recruits through social media.',
  "Holds the workers' documents.",
  'Posts the advertisements.',
  'Owns the property where the workers live.',
];

/** Charges by jurisdiction (S state, F federal) and type; BUYER for buyers. Repeats weigh. */
export const STATUTES: Record<string, string[]> = {
  'S:SEX': ['WY-6-2-702', 'WY-6-2-702', 'WY-6-2-703', 'WY-6-4-103', 'WY-SERVITUDE-MINOR', 'WY-6-4-303'],
  'S:LABOR': ['WY-6-2-702', 'WY-6-2-702', 'WY-6-2-703'],
  'S:SEX_AND_LABOR': ['WY-6-2-702', 'WY-6-2-703', 'WY-6-4-103'],
  'S:UNDETERMINED': ['WY-6-2-703', 'WY-6-4-103'],
  'S:BUYER': ['WY-PATRONIZING'],
  'F:SEX': ['US-18-1591', 'US-18-1591', 'US-18-1591', 'US-18-2422B'],
  'F:LABOR': ['US-18-1589', 'US-18-1589', 'US-18-1590', 'US-18-1592'],
  'F:SEX_AND_LABOR': ['US-18-1591', 'US-18-1589'],
  'F:UNDETERMINED': ['US-18-1591', 'US-18-1589'],
  'F:BUYER': ['US-18-1591'],
};
export const SENTENCES = [
  '10 years in federal prison, 5 years supervised release',
  '15 years, restitution to the victims',
  '6 years; registration as a sex offender',
  '4 to 8 years, Wyoming State Penitentiary',
  '2 years probation and restitution',
  '12 years in federal prison, forfeiture of the property',
];

export const RISK_FACTOR_SETS: Record<'MINOR' | 'SEX' | 'LABOR', RiskFactor[][]> = {
  MINOR: [
    [RiskFactor.RUNAWAY_OR_HOMELESS_YOUTH],
    [RiskFactor.CHILD_WELFARE_INVOLVEMENT],
    [RiskFactor.RUNAWAY_OR_HOMELESS_YOUTH, RiskFactor.SUBSTANCE_USE],
    [],
  ],
  SEX: [
    [RiskFactor.SUBSTANCE_USE],
    [RiskFactor.MENTAL_HEALTH_CONCERN],
    [RiskFactor.SUBSTANCE_USE, RiskFactor.MENTAL_HEALTH_CONCERN],
    [RiskFactor.RECENT_MIGRATION_OR_RELOCATION],
    [],
  ],
  LABOR: [[RiskFactor.RECENT_MIGRATION_OR_RELOCATION], [RiskFactor.RECENT_MIGRATION_OR_RELOCATION], []],
};
export const SAFETY_FLAG_SETS: SafetyFlag[][] = [
  [],
  [],
  [SafetyFlag.TRAFFICKER_AT_LARGE],
  [SafetyFlag.IN_SHELTER],
  [SafetyFlag.INTERPRETER_NEEDED],
  [SafetyFlag.CONTACT_THROUGH_ADVOCATE_ONLY],
  [SafetyFlag.THREATS_RECEIVED, SafetyFlag.DO_NOT_CONTACT_AT_HOME],
  [SafetyFlag.IN_SHELTER, SafetyFlag.TRAFFICKER_AT_LARGE],
];

/** Who provides a service: the shelter, the state victim-services division, child welfare, or the custodial agency itself. */
export type ProviderRole = 'SHELTER' | 'STATE_VS' | 'CHILD_WELFARE' | 'SELF';

/** Services asked for, by the victim's situation: [category, provider, weight]. */
export const SERVICE_MIX: Record<'MINOR' | 'SEX' | 'LABOR', [ServiceCategory, ProviderRole, number][]> = {
  MINOR: [
    [ServiceCategory.CRISIS_INTERVENTION, 'SHELTER', 14],
    [ServiceCategory.EMERGENCY_SHELTER, 'SHELTER', 10],
    [ServiceCategory.MENTAL_HEALTH, 'SELF', 14],
    [ServiceCategory.MEDICAL, 'SELF', 10],
    [ServiceCategory.EDUCATION, 'SELF', 8],
    [ServiceCategory.INTENSIVE_CASE_MANAGEMENT, 'SHELTER', 8],
    [ServiceCategory.CRIMINAL_JUSTICE_ACCOMPANIMENT, 'STATE_VS', 8],
    [ServiceCategory.CRIME_VICTIMS_COMPENSATION, 'STATE_VS', 6],
    [ServiceCategory.LEGAL_ADVOCACY, 'STATE_VS', 5],
    [ServiceCategory.TRANSPORTATION, 'SHELTER', 4],
    [ServiceCategory.SUBSTANCE_USE_TREATMENT, 'SELF', 3],
  ],
  SEX: [
    [ServiceCategory.CRISIS_INTERVENTION, 'SHELTER', 14],
    [ServiceCategory.EMERGENCY_SHELTER, 'SHELTER', 12],
    [ServiceCategory.HOUSING, 'SHELTER', 10],
    [ServiceCategory.MENTAL_HEALTH, 'SELF', 10],
    [ServiceCategory.MEDICAL, 'SELF', 8],
    [ServiceCategory.SUBSTANCE_USE_TREATMENT, 'SELF', 6],
    [ServiceCategory.CRIME_VICTIMS_COMPENSATION, 'STATE_VS', 8],
    [ServiceCategory.LEGAL_ADVOCACY, 'STATE_VS', 6],
    [ServiceCategory.CRIMINAL_JUSTICE_ACCOMPANIMENT, 'STATE_VS', 6],
    [ServiceCategory.INTENSIVE_CASE_MANAGEMENT, 'SHELTER', 6],
    [ServiceCategory.FOOD_AND_BASIC_NEEDS, 'SHELTER', 5],
    [ServiceCategory.TRANSPORTATION, 'SHELTER', 3],
    [ServiceCategory.CHILDCARE, 'SHELTER', 2],
    [ServiceCategory.DENTAL, 'SELF', 2],
    [ServiceCategory.EMPLOYMENT_AND_TRAINING, 'SELF', 2],
  ],
  LABOR: [
    [ServiceCategory.INTERPRETATION, 'SELF', 14],
    [ServiceCategory.IMMIGRATION_RELIEF, 'STATE_VS', 14],
    [ServiceCategory.HOUSING, 'SHELTER', 12],
    [ServiceCategory.FOOD_AND_BASIC_NEEDS, 'SHELTER', 10],
    [ServiceCategory.LEGAL_ADVOCACY, 'STATE_VS', 8],
    [ServiceCategory.CRIME_VICTIMS_COMPENSATION, 'STATE_VS', 8],
    [ServiceCategory.MEDICAL, 'SELF', 8],
    [ServiceCategory.EMPLOYMENT_AND_TRAINING, 'SELF', 8],
    [ServiceCategory.TRANSPORTATION, 'SHELTER', 5],
    [ServiceCategory.CRISIS_INTERVENTION, 'SHELTER', 5],
    [ServiceCategory.DENTAL, 'SELF', 3],
    [ServiceCategory.MENTAL_HEALTH, 'SELF', 3],
  ],
};
export const SERVICE_DETAILS = [
  'Spanish-speaking staff requested',
  "Away from the trafficker's town",
  'Bed for one adult',
  'Weekly sessions',
  'Court date next month',
  'Intake booked',
];
export const SERVICE_OUTCOMES = [
  'Completed as planned',
  'Moved to long-term housing',
  'Claim paid',
  'Relief granted',
  'Client re-engaged after a gap',
];

export const REFERRAL_REASONS = {
  CASE: [
    'Interstate movement of the victims: requesting federal prosecution.',
    'Requesting a charging decision.',
    'Possible foreign recruitment: requesting an immigration check.',
    'Subjects active in your jurisdiction: requesting coordination.',
  ],
  VICTIM_SERVICE: [
    'Needs a safe placement away from the trafficker.',
    'Needs help with the compensation claim.',
    'Needs an advocate for the court dates.',
    'Needs immigration relief screening.',
  ],
  MANDATORY_CHILD_WELFARE: ['Mandatory report: a minor identified as a victim of sex trafficking (made by the system on identification).'],
};
export const DECLINE_REASONS = [
  'No capacity this month; try the regional office.',
  'Outside our jurisdiction.',
  'No federal nexus found.',
  'Client moved out of our service area.',
];
export const COMPLETION_OUTCOMES = [
  'Service delivered; client housed.',
  'Claim filed and paid.',
  'Screening done; relief application filed.',
];

// The confidential identity (sealed in Node, never sent to the database in plaintext) -----------

/** First names by gender (no demo person's name, so a plaintext search finds only what the seed wrote). */
export const FIRST_NAMES = {
  FEMALE: [
    'Ana',
    'Lucía',
    'Gabriela',
    'Rosa',
    'Valeria',
    'Daniela',
    'Sofía',
    'Isabel',
    'Carmen',
    'Jasmine',
    'Brianna',
    'Kayla',
    'Ashley',
    'Tiffany',
    'Amber',
    'Crystal',
    'Samantha',
    'Jessica',
    'Emily',
    'Madison',
    'Chloe',
    'Autumn',
    'Skye',
    'Winona',
    'Tallulah',
    'Mei',
    'Lan',
    'Thu',
    'Marisol',
    'Yesenia',
    'Guadalupe',
    'Paola',
    'Leticia',
    'Mariana',
    'Alondra',
    'Karina',
    'Nayeli',
    'Shyla',
    'Kimimela',
    'Rachel',
  ],
  MALE: [
    'Carlos',
    'José',
    'Luis',
    'Miguel',
    'Juan',
    'Diego',
    'Mateo',
    'Andrés',
    'Pedro',
    'Rafael',
    'Tyler',
    'Cody',
    'Dustin',
    'Travis',
    'Brandon',
    'Kyle',
    'Jacob',
    'Ethan',
    'Wyatt',
    'Logan',
    'Tomás',
    'Ernesto',
    'Wei',
    'Minh',
    'Arnel',
    'Jomar',
    'Darnell',
    'Malik',
    'Efraín',
    'Hugo',
  ],
  OTHER: ['Alex', 'Riley', 'Casey', 'Taylor', 'Quinn', 'Rowan', 'Sage', 'Avery', 'Jamie', 'Dakota'],
};
export const LAST_NAMES = [
  'García',
  'Hernández',
  'López',
  'Martínez',
  'González',
  'Rodríguez',
  'Pérez',
  'Sánchez',
  'Ramírez',
  'Flores',
  'Rivera',
  'Gómez',
  'Díaz',
  'Cruz',
  'Morales',
  'Ortiz',
  'Gutiérrez',
  'Chávez',
  'Ramos',
  'Ruiz',
  'Mendoza',
  'Castillo',
  'Jiménez',
  'Moreno',
  'Álvarez',
  'Vásquez',
  'Medina',
  'Aguilar',
  'Herrera',
  'Silva',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Thomas',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Hill',
  'Green',
  'Adams',
  'Baker',
  'Nelson',
  'Carter',
  'Mitchell',
  'Roberts',
  'Turner',
  'Phillips',
  'Parker',
  'Evans',
  'Edwards',
  'Collins',
  'Stewart',
  'Murphy',
  'Cook',
  'Rogers',
  'Tso',
  'Yazzie',
  'Benally',
  'Tsosie',
  'Redcloud',
  'Littlewolf',
  'Shavehead',
  'Antelope',
  'Tillman',
  'Nguyen',
  'Tran',
  'Pham',
  'Chen',
  'Wang',
  'Liu',
  'Santos',
  'Bautista',
  'Quiroz',
  'Espinoza',
];
export const ALIASES = ['"Candy"', '"Star"', '"Baby"', 'Lupe', 'Chuy', 'Mari', '"Angel"', '"Red"', 'Lala', 'Tito'];
export const LANGUAGES = [
  'English',
  'English',
  'English',
  'English',
  'Spanish',
  'Spanish, English',
  'Spanish',
  "Spanish, K'iche'",
  'Arapaho, English',
  'Shoshone, English',
  'Mandarin',
  'Tagalog',
  'Vietnamese',
];
export const IMMIGRATION = {
  LABOR: [
    'H-2A (lapsed)',
    'H-2B, documents held by the employer',
    'Undocumented; Continued Presence requested',
    'T visa application in preparation',
    'Asylum pending',
    'Lawful permanent resident',
  ],
  OTHER: [
    'U.S. citizen',
    'U.S. citizen',
    'U.S. citizen',
    'Lawful permanent resident',
    'U visa certification requested',
    'T visa application in preparation',
  ],
};
export const HEALTH_NOTES = [
  'Untreated dental pain; clinic referral',
  'Anxiety and sleep problems; counselling started',
  'Substance use; detox bed requested',
  'Pregnant, second trimester; prenatal care arranged',
  'Hand injury from farm work',
  'Malnourished on intake',
  'Asthma; inhaler replaced',
];
export const STREETS = [
  'E Lincolnway',
  'W 19th St',
  'Center St',
  'Yellowstone Hwy',
  'Main St',
  'College Dr',
  'Dell Range Blvd',
  'CY Ave',
  'Elk St',
  'Broadway',
  'Coffeen Ave',
];
