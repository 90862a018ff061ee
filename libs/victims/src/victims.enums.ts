import { registerEnumType } from '@nestjs/graphql';

export enum AgeBand {
  UNDER_12 = 'UNDER_12',
  AGE_12_14 = 'AGE_12_14',
  AGE_15_17 = 'AGE_15_17',
  AGE_18_24 = 'AGE_18_24',
  AGE_25_34 = 'AGE_25_34',
  AGE_35_49 = 'AGE_35_49',
  AGE_50_PLUS = 'AGE_50_PLUS',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(AgeBand, { name: 'AgeBand' });

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  NON_BINARY = 'NON_BINARY',
  TRANSGENDER = 'TRANSGENDER',
  UNDISCLOSED = 'UNDISCLOSED',
}
registerEnumType(Gender, { name: 'Gender' });

/** Risk factors named in the source documents (DOMAIN.md). */
export enum RiskFactor {
  RECENT_MIGRATION_OR_RELOCATION = 'RECENT_MIGRATION_OR_RELOCATION',
  SUBSTANCE_USE = 'SUBSTANCE_USE',
  RUNAWAY_OR_HOMELESS_YOUTH = 'RUNAWAY_OR_HOMELESS_YOUTH',
  MENTAL_HEALTH_CONCERN = 'MENTAL_HEALTH_CONCERN',
  CHILD_WELFARE_INVOLVEMENT = 'CHILD_WELFARE_INVOLVEMENT',
}
registerEnumType(RiskFactor, { name: 'RiskFactor' });

export enum SafetyFlag {
  TRAFFICKER_AT_LARGE = 'TRAFFICKER_AT_LARGE',
  DO_NOT_CONTACT_AT_HOME = 'DO_NOT_CONTACT_AT_HOME',
  INTERPRETER_NEEDED = 'INTERPRETER_NEEDED',
  THREATS_RECEIVED = 'THREATS_RECEIVED',
  IN_SHELTER = 'IN_SHELTER',
  CONTACT_THROUGH_ADVOCATE_ONLY = 'CONTACT_THROUGH_ADVOCATE_ONLY',
}
registerEnumType(SafetyFlag, { name: 'SafetyFlag' });

export enum ConsentScope {
  /** Legal name, aliases, date of birth, languages, immigration status. */
  IDENTITY = 'IDENTITY',
  /** Phone, email, address. */
  CONTACT = 'CONTACT',
  /** The victim's services and needs. */
  SERVICES = 'SERVICES',
}
registerEnumType(ConsentScope, { name: 'ConsentScope' });

export enum IdentityDenial {
  NO_CONSENT = 'NO_CONSENT',
  CONSENT_EXPIRED = 'CONSENT_EXPIRED',
  NOT_PERMITTED = 'NOT_PERMITTED',
}
registerEnumType(IdentityDenial, { name: 'IdentityDenial', description: 'Why an identity was not released.' });

export enum ConsentStatus {
  PENDING = 'PENDING',
  LIVE = 'LIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ConsentStatus, { name: 'ConsentStatus' });

/** The identity fields and the consent scope that releases each (health notes: never by consent). */
export const IDENTITY_FIELDS = {
  legalName: { column: 'legal_name', scope: ConsentScope.IDENTITY },
  aliases: { column: 'aliases', scope: ConsentScope.IDENTITY },
  birthDate: { column: 'birth_date', scope: ConsentScope.IDENTITY },
  languages: { column: 'languages', scope: ConsentScope.IDENTITY },
  immigrationStatus: { column: 'immigration_status', scope: ConsentScope.IDENTITY },
  phone: { column: 'phone', scope: ConsentScope.CONTACT },
  email: { column: 'email', scope: ConsentScope.CONTACT },
  address: { column: 'address', scope: ConsentScope.CONTACT },
  healthNotes: { column: 'health_notes', scope: null },
} as const;
export type IdentityField = keyof typeof IDENTITY_FIELDS;
export const IDENTITY_FIELD_NAMES = Object.keys(IDENTITY_FIELDS) as IdentityField[];

/** Service categories (DOMAIN.md). */
export enum ServiceCategory {
  CRISIS_INTERVENTION = 'CRISIS_INTERVENTION',
  EMERGENCY_SHELTER = 'EMERGENCY_SHELTER',
  HOUSING = 'HOUSING',
  FOOD_AND_BASIC_NEEDS = 'FOOD_AND_BASIC_NEEDS',
  MEDICAL = 'MEDICAL',
  DENTAL = 'DENTAL',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  SUBSTANCE_USE_TREATMENT = 'SUBSTANCE_USE_TREATMENT',
  INTERPRETATION = 'INTERPRETATION',
  LEGAL_ADVOCACY = 'LEGAL_ADVOCACY',
  IMMIGRATION_RELIEF = 'IMMIGRATION_RELIEF',
  CRIMINAL_JUSTICE_ACCOMPANIMENT = 'CRIMINAL_JUSTICE_ACCOMPANIMENT',
  CRIME_VICTIMS_COMPENSATION = 'CRIME_VICTIMS_COMPENSATION',
  INTENSIVE_CASE_MANAGEMENT = 'INTENSIVE_CASE_MANAGEMENT',
  EDUCATION = 'EDUCATION',
  EMPLOYMENT_AND_TRAINING = 'EMPLOYMENT_AND_TRAINING',
  CHILDCARE = 'CHILDCARE',
  TRANSPORTATION = 'TRANSPORTATION',
  CHILD_WELFARE_REFERRAL = 'CHILD_WELFARE_REFERRAL',
}
registerEnumType(ServiceCategory, { name: 'ServiceCategory' });

export enum ServiceStatus {
  REQUESTED = 'REQUESTED',
  IN_PROGRESS = 'IN_PROGRESS',
  PROVIDED = 'PROVIDED',
  DECLINED = 'DECLINED',
  UNAVAILABLE = 'UNAVAILABLE',
}
registerEnumType(ServiceStatus, { name: 'ServiceStatus' });

export const SERVICE_TRANSITIONS: Readonly<Record<ServiceStatus, readonly ServiceStatus[]>> = {
  [ServiceStatus.REQUESTED]: [ServiceStatus.IN_PROGRESS, ServiceStatus.PROVIDED, ServiceStatus.DECLINED, ServiceStatus.UNAVAILABLE],
  [ServiceStatus.IN_PROGRESS]: [ServiceStatus.PROVIDED, ServiceStatus.DECLINED],
  [ServiceStatus.PROVIDED]: [],
  [ServiceStatus.DECLINED]: [],
  [ServiceStatus.UNAVAILABLE]: [],
};
