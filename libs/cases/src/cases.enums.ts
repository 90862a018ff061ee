import { registerEnumType } from '@nestjs/graphql';
import { IdentifierKind } from './identifiers/identifier-kind';

registerEnumType(IdentifierKind, { name: 'IdentifierKind' });

export enum LeadSource {
  HOTLINE = 'HOTLINE',
  COMMUNITY_TIP = 'COMMUNITY_TIP',
  PATROL = 'PATROL',
  ONLINE = 'ONLINE',
  AGENCY_REFERRAL = 'AGENCY_REFERRAL',
  SELF_REPORT = 'SELF_REPORT',
  HEALTHCARE = 'HEALTHCARE',
  SCHOOL = 'SCHOOL',
  CHILD_WELFARE = 'CHILD_WELFARE',
  OTHER = 'OTHER',
}
registerEnumType(LeadSource, { name: 'LeadSource' });

export enum TraffickingType {
  SEX = 'SEX',
  LABOR = 'LABOR',
  SEX_AND_LABOR = 'SEX_AND_LABOR',
  UNDETERMINED = 'UNDETERMINED',
}
registerEnumType(TraffickingType, { name: 'TraffickingType' });

/** Polaris typology of venues and industries (DOMAIN.md). */
export enum Venue {
  ESCORT_SERVICES = 'ESCORT_SERVICES',
  ILLICIT_MASSAGE_HEALTH_BEAUTY = 'ILLICIT_MASSAGE_HEALTH_BEAUTY',
  OUTDOOR_SOLICITATION = 'OUTDOOR_SOLICITATION',
  RESIDENTIAL = 'RESIDENTIAL',
  DOMESTIC_WORK = 'DOMESTIC_WORK',
  BARS_STRIP_CLUBS_CANTINAS = 'BARS_STRIP_CLUBS_CANTINAS',
  PORNOGRAPHY = 'PORNOGRAPHY',
  TRAVELING_SALES_CREWS = 'TRAVELING_SALES_CREWS',
  RESTAURANTS_FOOD_SERVICE = 'RESTAURANTS_FOOD_SERVICE',
  PEDDLING_BEGGING = 'PEDDLING_BEGGING',
  AGRICULTURE_ANIMAL_HUSBANDRY = 'AGRICULTURE_ANIMAL_HUSBANDRY',
  PERSONAL_SEXUAL_SERVITUDE = 'PERSONAL_SEXUAL_SERVITUDE',
  HEALTH_BEAUTY_SERVICES = 'HEALTH_BEAUTY_SERVICES',
  CONSTRUCTION = 'CONSTRUCTION',
  HOTELS_HOSPITALITY = 'HOTELS_HOSPITALITY',
  LANDSCAPING = 'LANDSCAPING',
  ILLICIT_ACTIVITIES = 'ILLICIT_ACTIVITIES',
  ARTS_ENTERTAINMENT = 'ARTS_ENTERTAINMENT',
  COMMERCIAL_CLEANING = 'COMMERCIAL_CLEANING',
  FACTORIES_MANUFACTURING = 'FACTORIES_MANUFACTURING',
  REMOTE_INTERACTIVE_SEXUAL_ACTS = 'REMOTE_INTERACTIVE_SEXUAL_ACTS',
  CARNIVALS = 'CARNIVALS',
  FORESTRY_LOGGING = 'FORESTRY_LOGGING',
  HEALTH_CARE = 'HEALTH_CARE',
  RECREATIONAL_FACILITIES = 'RECREATIONAL_FACILITIES',
  OTHER = 'OTHER',
}
registerEnumType(Venue, { name: 'Venue', description: 'Polaris typology of venue or industry.' });

/** Indicators observed, drawn from the source documents (shared/seeds). */
export enum Indicator {
  CONTROLLED_IDENTITY_DOCUMENTS = 'CONTROLLED_IDENTITY_DOCUMENTS',
  RESTRICTED_MOVEMENT = 'RESTRICTED_MOVEMENT',
  OVERCROWDED_HOUSING = 'OVERCROWDED_HOUSING',
  EXCESSIVE_HOURS_LOW_PAY = 'EXCESSIVE_HOURS_LOW_PAY',
  SIGNS_OF_ABUSE = 'SIGNS_OF_ABUSE',
  MINOR_IN_COMMERCIAL_SEX = 'MINOR_IN_COMMERCIAL_SEX',
  NOT_ALLOWED_TO_SPEAK_FOR_SELF = 'NOT_ALLOWED_TO_SPEAK_FOR_SELF',
  TRANSPORTED_IN_GROUPS = 'TRANSPORTED_IN_GROUPS',
  FORCED_CRIMINAL_ACTIVITY = 'FORCED_CRIMINAL_ACTIVITY',
  DEBT_BONDAGE = 'DEBT_BONDAGE',
  EARNINGS_TAKEN_BY_THIRD_PARTY = 'EARNINGS_TAKEN_BY_THIRD_PARTY',
  BRANDING_TATTOOS = 'BRANDING_TATTOOS',
  OLDER_CONTROLLING_PARTNER = 'OLDER_CONTROLLING_PARTNER',
  ONLINE_ADVERTISEMENT = 'ONLINE_ADVERTISEMENT',
  UNAWARE_OF_LOCATION = 'UNAWARE_OF_LOCATION',
  FEARFUL_SUBMISSIVE = 'FEARFUL_SUBMISSIVE',
  RECRUITMENT_FALSE_PROMISES = 'RECRUITMENT_FALSE_PROMISES',
}
registerEnumType(Indicator, { name: 'Indicator' });

export enum LeadStatus {
  NEW = 'NEW',
  TRIAGED = 'TRIAGED',
  PROMOTED = 'PROMOTED',
  UNFOUNDED = 'UNFOUNDED',
  DUPLICATE = 'DUPLICATE',
}
registerEnumType(LeadStatus, { name: 'LeadStatus' });

export enum LeadPriority {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(LeadPriority, { name: 'LeadPriority' });

/** Which lead statuses may follow which (PROMOTED through promoteLead). */
export const LEAD_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  [LeadStatus.NEW]: [LeadStatus.TRIAGED, LeadStatus.UNFOUNDED, LeadStatus.DUPLICATE, LeadStatus.PROMOTED],
  [LeadStatus.TRIAGED]: [LeadStatus.TRIAGED, LeadStatus.UNFOUNDED, LeadStatus.DUPLICATE, LeadStatus.PROMOTED],
  [LeadStatus.PROMOTED]: [],
  [LeadStatus.UNFOUNDED]: [],
  [LeadStatus.DUPLICATE]: [],
};

export enum LeadClosure {
  UNFOUNDED = 'UNFOUNDED',
  DUPLICATE = 'DUPLICATE',
}
registerEnumType(LeadClosure, { name: 'LeadClosure' });

export enum CaseStatus {
  OPEN = 'OPEN',
  ACTIVE = 'ACTIVE',
  REFERRED_FOR_PROSECUTION = 'REFERRED_FOR_PROSECUTION',
  CHARGED = 'CHARGED',
  ADJUDICATED = 'ADJUDICATED',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, { name: 'CaseStatus' });

/**
 * Which case statuses may follow which through `setCaseStatus`. A prosecutor who declines sends a
 * referred case back to ACTIVE. CLOSED is reached only through `closeCase` (a supervisor's act):
 * as RESOLVED from ADJUDICATED, or as UNFOUNDED / INSUFFICIENT_EVIDENCE from any open status.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  [CaseStatus.OPEN]: [CaseStatus.ACTIVE],
  [CaseStatus.ACTIVE]: [CaseStatus.REFERRED_FOR_PROSECUTION],
  [CaseStatus.REFERRED_FOR_PROSECUTION]: [CaseStatus.CHARGED, CaseStatus.ACTIVE],
  [CaseStatus.CHARGED]: [CaseStatus.ADJUDICATED],
  [CaseStatus.ADJUDICATED]: [],
  [CaseStatus.CLOSED]: [],
};

export enum CaseClosure {
  /** The normal end: the case was adjudicated. */
  RESOLVED = 'RESOLVED',
  UNFOUNDED = 'UNFOUNDED',
  INSUFFICIENT_EVIDENCE = 'INSUFFICIENT_EVIDENCE',
}
registerEnumType(CaseClosure, { name: 'CaseClosure' });

export enum MeansOfControl {
  FORCE = 'FORCE',
  FRAUD = 'FRAUD',
  COERCION = 'COERCION',
}
registerEnumType(MeansOfControl, { name: 'MeansOfControl' });

export enum ShareAccess {
  /** Sees the case, its subjects, charges, notes and tasks. */
  READ = 'READ',
  /** May also add notes, subjects, charges and tasks. */
  CONTRIBUTE = 'CONTRIBUTE',
}
registerEnumType(ShareAccess, { name: 'ShareAccess' });

export enum CaseAccessLevel {
  LEAD = 'LEAD',
  CONTRIBUTE = 'CONTRIBUTE',
  READ = 'READ',
}
registerEnumType(CaseAccessLevel, { name: 'CaseAccessLevel', description: "The caller's agency's standing on a case." });

export enum SubjectRole {
  TRAFFICKER = 'TRAFFICKER',
  BUYER = 'BUYER',
  FACILITATOR = 'FACILITATOR',
  ASSOCIATE = 'ASSOCIATE',
}
registerEnumType(SubjectRole, { name: 'SubjectRole' });

export enum SubjectStatus {
  UNIDENTIFIED = 'UNIDENTIFIED',
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
  ARRESTED = 'ARRESTED',
  CHARGED = 'CHARGED',
  CLEARED = 'CLEARED',
}
registerEnumType(SubjectStatus, { name: 'SubjectStatus' });

export enum ChargeDisposition {
  PENDING = 'PENDING',
  DISMISSED = 'DISMISSED',
  PLEA = 'PLEA',
  CONVICTED = 'CONVICTED',
  ACQUITTED = 'ACQUITTED',
}
registerEnumType(ChargeDisposition, { name: 'ChargeDisposition' });

export enum StatuteJurisdiction {
  STATE = 'STATE',
  FEDERAL = 'FEDERAL',
}
registerEnumType(StatuteJurisdiction, { name: 'StatuteJurisdiction' });

export enum IdentifierSource {
  LEAD = 'LEAD',
  CASE = 'CASE',
  SUBJECT = 'SUBJECT',
}
registerEnumType(IdentifierSource, { name: 'IdentifierSource', description: 'Where on a case an identifier was recorded.' });
