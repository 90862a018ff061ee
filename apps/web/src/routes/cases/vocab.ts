import type {
  CaseClosure,
  CaseStatus,
  ChargeDisposition,
  IdentifierKind,
  MeansOfControl,
  ReferralUrgency,
  ShareAccess,
  SubjectRole,
  SubjectStatus,
  TraffickingType,
  Venue,
} from '../../gql/graphql';

/**
 * The API's closed vocabularies as values the browser can list (codegen emits them as types only).
 * `every<T>()` refuses, at compile time, a list that misses a value of the schema's enum.
 */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)): A =>
    values;

export const CASE_STATUSES = every<CaseStatus>()(['OPEN', 'ACTIVE', 'REFERRED_FOR_PROSECUTION', 'CHARGED', 'ADJUDICATED', 'CLOSED']);
export const TRAFFICKING_TYPES = every<TraffickingType>()(['SEX', 'LABOR', 'SEX_AND_LABOR', 'UNDETERMINED']);
export const MEANS_OF_CONTROL = every<MeansOfControl>()(['FORCE', 'FRAUD', 'COERCION']);
export const SHARE_ACCESS = every<ShareAccess>()(['READ', 'CONTRIBUTE']);
export const CASE_CLOSURES = every<CaseClosure>()(['RESOLVED', 'UNFOUNDED', 'INSUFFICIENT_EVIDENCE']);
export const SUBJECT_ROLES = every<SubjectRole>()(['TRAFFICKER', 'BUYER', 'FACILITATOR', 'ASSOCIATE']);
export const SUBJECT_STATUSES = every<SubjectStatus>()(['UNIDENTIFIED', 'UNDER_INVESTIGATION', 'ARRESTED', 'CHARGED', 'CLEARED']);
export const CHARGE_DISPOSITIONS = every<ChargeDisposition>()(['PENDING', 'DISMISSED', 'PLEA', 'CONVICTED', 'ACQUITTED']);
export const IDENTIFIER_KINDS = every<IdentifierKind>()(['PHONE', 'ADDRESS', 'HANDLE', 'PLATE', 'PERSON']);
export const REFERRAL_URGENCIES = every<ReferralUrgency>()(['ROUTINE', 'URGENT', 'EMERGENCY']);
export const VENUES = every<Venue>()([
  'ESCORT_SERVICES',
  'ILLICIT_MASSAGE_HEALTH_BEAUTY',
  'OUTDOOR_SOLICITATION',
  'RESIDENTIAL',
  'DOMESTIC_WORK',
  'BARS_STRIP_CLUBS_CANTINAS',
  'PORNOGRAPHY',
  'TRAVELING_SALES_CREWS',
  'RESTAURANTS_FOOD_SERVICE',
  'PEDDLING_BEGGING',
  'AGRICULTURE_ANIMAL_HUSBANDRY',
  'PERSONAL_SEXUAL_SERVITUDE',
  'HEALTH_BEAUTY_SERVICES',
  'CONSTRUCTION',
  'HOTELS_HOSPITALITY',
  'LANDSCAPING',
  'ILLICIT_ACTIVITIES',
  'ARTS_ENTERTAINMENT',
  'COMMERCIAL_CLEANING',
  'FACTORIES_MANUFACTURING',
  'REMOTE_INTERACTIVE_SEXUAL_ACTS',
  'CARNIVALS',
  'FORESTRY_LOGGING',
  'HEALTH_CARE',
  'RECREATIONAL_FACILITIES',
  'OTHER',
]);

/** Wyoming's 23 counties, offered when typing a county (any other name of 2 to 60 characters is accepted too). */
export const WYOMING_COUNTIES = [
  'Albany',
  'Big Horn',
  'Campbell',
  'Carbon',
  'Converse',
  'Crook',
  'Fremont',
  'Goshen',
  'Hot Springs',
  'Johnson',
  'Laramie',
  'Lincoln',
  'Natrona',
  'Niobrara',
  'Park',
  'Platte',
  'Sheridan',
  'Sublette',
  'Sweetwater',
  'Teton',
  'Uinta',
  'Washakie',
  'Weston',
];
