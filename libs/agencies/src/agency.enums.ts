import { registerEnumType } from '@nestjs/graphql';

export enum AgencyLevel {
  MUNICIPAL = 'MUNICIPAL',
  COUNTY = 'COUNTY',
  STATE = 'STATE',
  FEDERAL = 'FEDERAL',
  TRIBAL = 'TRIBAL',
}
registerEnumType(AgencyLevel, { name: 'AgencyLevel' });

export enum AgencyKind {
  LAW_ENFORCEMENT = 'LAW_ENFORCEMENT',
  PROSECUTION = 'PROSECUTION',
  VICTIM_SERVICES = 'VICTIM_SERVICES',
  CHILD_WELFARE = 'CHILD_WELFARE',
  OTHER = 'OTHER',
}
registerEnumType(AgencyKind, { name: 'AgencyKind' });

/** ORI: the 9-character originating-agency identifier (two-letter state code + 7 letters/digits). */
export const ORI_PATTERN = /^[A-Z]{2}[A-Z0-9]{7}$/;
