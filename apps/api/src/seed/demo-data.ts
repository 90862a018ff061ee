/**
 * The demo task force, drawn from the source documents (shared/seeds): Wyoming's federal, state,
 * county, municipal and tribal partners, a child-welfare agency and victim-service providers.
 * People are fictional. Every demo user shares one password, printed at start-up (demo only).
 */
export const DEMO_PASSWORD = 'Frontier-Demo-2026';

export const DEMO_TASK_FORCE = {
  name: 'Southeast Wyoming Human Trafficking Task Force',
  region: 'Wyoming (Laramie County hub, statewide partners)',
};

export interface DemoAgency {
  key: string;
  name: string;
  shortCode: string;
  level: 'MUNICIPAL' | 'COUNTY' | 'STATE' | 'FEDERAL' | 'TRIBAL';
  kind: 'LAW_ENFORCEMENT' | 'PROSECUTION' | 'VICTIM_SERVICES' | 'CHILD_WELFARE' | 'OTHER';
  ori?: string;
  contact: { name: string; phone: string; email: string };
  users: { username: string; displayName: string; title: string; roles: string[] }[];
}

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    key: 'lcso',
    name: "Laramie County Sheriff's Office",
    shortCode: 'LCSO',
    level: 'COUNTY',
    kind: 'LAW_ENFORCEMENT',
    ori: 'WY0110000',
    contact: { name: 'Lt. Dana Whitfield', phone: '+1 307 555 0110', email: 'htf-desk@lcso.example.org' },
    users: [
      { username: 'lcso.investigator', displayName: 'Det. Marcus Reyes', title: 'Detective, Special Victims', roles: ['INVESTIGATOR'] },
      {
        username: 'lcso.investigator2',
        displayName: 'Det. Hannah Blake',
        title: 'Detective, Criminal Investigations',
        roles: ['INVESTIGATOR'],
      },
      { username: 'lcso.supervisor', displayName: 'Lt. Dana Whitfield', title: 'Lieutenant, Investigations', roles: ['SUPERVISOR'] },
      { username: 'lcso.advocate', displayName: 'Renee Calloway', title: 'Victim Witness Coordinator', roles: ['VICTIM_ADVOCATE'] },
      { username: 'lcso.admin', displayName: 'Paula Greer', title: 'Records & Systems Administrator', roles: ['AGENCY_ADMIN'] },
      { username: 'lcso.auditor', displayName: 'Gene Moffat', title: 'Professional Standards', roles: ['AUDITOR'] },
    ],
  },
  {
    key: 'cpd',
    name: 'Cheyenne Police Department',
    shortCode: 'CPD',
    level: 'MUNICIPAL',
    kind: 'LAW_ENFORCEMENT',
    ori: 'WY0110100',
    contact: { name: 'Sgt. Luis Ortega', phone: '+1 307 555 0120', email: 'vice@cpd.example.org' },
    users: [
      { username: 'cpd.investigator', displayName: 'Det. Kayla Morgan', title: 'Detective, Vice & Narcotics', roles: ['INVESTIGATOR'] },
      { username: 'cpd.supervisor', displayName: 'Sgt. Luis Ortega', title: 'Sergeant, Vice', roles: ['SUPERVISOR'] },
      { username: 'cpd.admin', displayName: 'Tom Albrecht', title: 'IT Administrator', roles: ['AGENCY_ADMIN'] },
    ],
  },
  {
    key: 'dci',
    name: 'Wyoming Division of Criminal Investigation',
    shortCode: 'DCI',
    level: 'STATE',
    kind: 'LAW_ENFORCEMENT',
    ori: 'WYDCI0000',
    contact: { name: 'SA Carla Nez', phone: '+1 307 555 0130', email: 'ht-taskforce@dci.example.org' },
    users: [
      {
        username: 'dci.investigator',
        displayName: 'SA Carla Nez',
        title: 'Special Agent, Human Trafficking Unit',
        roles: ['INVESTIGATOR'],
      },
      { username: 'dci.supervisor', displayName: 'SSA Robert Haines', title: 'Supervisory Special Agent', roles: ['SUPERVISOR'] },
      { username: 'dci.coordinator', displayName: 'Jill Sorensen', title: 'Task Force Coordinator', roles: ['TASK_FORCE_COORDINATOR'] },
      { username: 'dci.tfadmin', displayName: 'Mark Lindqvist', title: 'Task Force Systems Administrator', roles: ['TASK_FORCE_ADMIN'] },
      { username: 'dci.admin', displayName: 'Sandra Pike', title: 'DCI Systems Administrator', roles: ['AGENCY_ADMIN'] },
      { username: 'dci.auditor', displayName: 'Owen Draper', title: 'Compliance Auditor', roles: ['AUDITOR'] },
    ],
  },
  {
    key: 'usao',
    name: "U.S. Attorney's Office, District of Wyoming",
    shortCode: 'USAO',
    level: 'FEDERAL',
    kind: 'PROSECUTION',
    contact: { name: 'AUSA Elena Marsh', phone: '+1 307 555 0140', email: 'ht-coordinator@usao.example.gov' },
    users: [
      {
        username: 'usao.prosecutor',
        displayName: 'AUSA Elena Marsh',
        title: 'Assistant U.S. Attorney, HT Coordinator',
        roles: ['PROSECUTOR'],
      },
      { username: 'usao.advocate', displayName: 'Grace Whitehorse', title: 'Victim-Witness Specialist', roles: ['VICTIM_ADVOCATE'] },
      { username: 'usao.supervisor', displayName: 'Daniel Frost', title: 'Criminal Chief', roles: ['SUPERVISOR'] },
      { username: 'usao.admin', displayName: 'Nora Kessler', title: 'Systems Manager', roles: ['AGENCY_ADMIN'] },
    ],
  },
  {
    key: 'fbi',
    name: 'FBI Denver Field Office, Cheyenne Resident Agency',
    shortCode: 'FBI',
    level: 'FEDERAL',
    kind: 'LAW_ENFORCEMENT',
    ori: 'WYFBICY00',
    contact: { name: 'SA Peter Vance', phone: '+1 307 555 0150', email: 'cheyenne-ra@fbi.example.gov' },
    users: [
      {
        username: 'fbi.investigator',
        displayName: 'SA Peter Vance',
        title: 'Special Agent, Child Exploitation & HT Task Force',
        roles: ['INVESTIGATOR'],
      },
      { username: 'fbi.advocate', displayName: 'Maria Delgado', title: 'Victim Specialist', roles: ['VICTIM_ADVOCATE'] },
      { username: 'fbi.supervisor', displayName: 'SSRA Janet Okafor', title: 'Senior Supervisory Resident Agent', roles: ['SUPERVISOR'] },
      { username: 'fbi.admin', displayName: 'Ken Yoshida', title: 'Resident Agency Administrator', roles: ['AGENCY_ADMIN'] },
    ],
  },
  {
    key: 'hsi',
    name: 'Homeland Security Investigations, Casper',
    shortCode: 'HSI',
    level: 'FEDERAL',
    kind: 'LAW_ENFORCEMENT',
    ori: 'WYHSICS00',
    contact: { name: 'SA Alicia Romero', phone: '+1 307 555 0160', email: 'casper@hsi.example.gov' },
    users: [
      { username: 'hsi.investigator', displayName: 'SA Alicia Romero', title: 'Special Agent, Labor Trafficking', roles: ['INVESTIGATOR'] },
      { username: 'hsi.supervisor', displayName: 'RAC Thomas Begay', title: 'Resident Agent in Charge', roles: ['SUPERVISOR'] },
      { username: 'hsi.admin', displayName: 'Brian Cole', title: 'Administrator', roles: ['AGENCY_ADMIN'] },
    ],
  },
  {
    key: 'wrpd',
    name: 'Wind River Police Department',
    shortCode: 'WRPD',
    level: 'TRIBAL',
    kind: 'LAW_ENFORCEMENT',
    ori: 'WY0130400',
    contact: { name: 'Lt. Joseph Spoonhunter', phone: '+1 307 555 0170', email: 'investigations@wrpd.example.org' },
    users: [
      { username: 'wrpd.investigator', displayName: 'Cpl. Lena Yellowbird', title: 'Criminal Investigator', roles: ['INVESTIGATOR'] },
      { username: 'wrpd.supervisor', displayName: 'Lt. Joseph Spoonhunter', title: 'Lieutenant', roles: ['SUPERVISOR'] },
      { username: 'wrpd.admin', displayName: 'Ruth Oldman', title: 'Administrator', roles: ['AGENCY_ADMIN'] },
    ],
  },
  {
    key: 'lcda',
    name: 'Laramie County District Attorney',
    shortCode: 'LCDA',
    level: 'COUNTY',
    kind: 'PROSECUTION',
    contact: { name: 'DDA Will Harper', phone: '+1 307 555 0180', email: 'felony@lcda.example.org' },
    users: [
      { username: 'lcda.prosecutor', displayName: 'DDA Will Harper', title: 'Deputy District Attorney', roles: ['PROSECUTOR'] },
      { username: 'lcda.admin', displayName: 'Irene Lowe', title: 'Office Administrator', roles: ['AGENCY_ADMIN'] },
    ],
  },
  {
    key: 'dfs',
    name: 'Wyoming Department of Family Services',
    shortCode: 'DFS',
    level: 'STATE',
    kind: 'CHILD_WELFARE',
    contact: { name: 'Amy Trujillo', phone: '+1 307 555 0190', email: 'intake@dfs.example.gov' },
    users: [
      { username: 'dfs.advocate', displayName: 'Amy Trujillo', title: 'Child Protective Services Caseworker', roles: ['VICTIM_ADVOCATE'] },
      { username: 'dfs.supervisor', displayName: 'Colleen Brandt', title: 'CPS Supervisor', roles: ['SUPERVISOR'] },
      { username: 'dfs.admin', displayName: 'Victor Hale', title: 'Administrator', roles: ['AGENCY_ADMIN'] },
    ],
  },
  {
    key: 'safeharbor',
    name: 'High Plains Safe Harbor (shelter and advocacy)',
    shortCode: 'HPSH',
    level: 'COUNTY',
    kind: 'VICTIM_SERVICES',
    contact: { name: 'Beth Sandoval', phone: '+1 307 555 0200', email: 'advocacy@safeharbor.example.org' },
    users: [
      { username: 'safeharbor.advocate', displayName: 'Beth Sandoval', title: 'Trafficking Survivor Advocate', roles: ['VICTIM_ADVOCATE'] },
      { username: 'safeharbor.advocate2', displayName: 'Jordan Kline', title: 'Shelter Advocate', roles: ['VICTIM_ADVOCATE'] },
      { username: 'safeharbor.supervisor', displayName: 'Dr. Naomi Fisher', title: 'Program Director', roles: ['SUPERVISOR'] },
      { username: 'safeharbor.admin', displayName: 'Cody Marsh', title: 'Operations Manager', roles: ['AGENCY_ADMIN'] },
    ],
  },
  {
    key: 'dvs',
    name: 'Wyoming Division of Victim Services',
    shortCode: 'DVS',
    level: 'STATE',
    kind: 'VICTIM_SERVICES',
    contact: { name: 'Sofia Vargas', phone: '+1 307 555 0210', email: 'compensation@dvs.example.gov' },
    users: [
      { username: 'dvs.advocate', displayName: 'Sofia Vargas', title: 'Crime Victims Compensation Specialist', roles: ['VICTIM_ADVOCATE'] },
      { username: 'dvs.admin', displayName: 'Greg Tolliver', title: 'Administrator', roles: ['AGENCY_ADMIN'] },
    ],
  },
];
