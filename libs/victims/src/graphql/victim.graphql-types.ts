import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs, Paginated, IsDay } from '@app/core';
import { Agency } from '@app/agencies';
import {
  AgeBand,
  ConsentScope,
  ConsentStatus,
  Gender,
  IdentityDenial,
  RiskFactor,
  SafetyFlag,
  ServiceCategory,
  ServiceStatus,
} from '../victims.enums';
import { TraffickingType } from '@app/cases';
import { UserRef } from './deadline.graphql-types';

@ObjectType({ description: 'The confidential identity: only the fields the reader may see are filled.' })
export class VictimIdentity {
  @Field(() => String, { nullable: true }) legalName!: string | null;
  @Field(() => String, { nullable: true }) aliases!: string | null;
  @Field(() => String, { nullable: true }) birthDate!: string | null;
  @Field(() => String, { nullable: true }) languages!: string | null;
  @Field(() => String, { nullable: true }) immigrationStatus!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true, description: 'Custodial agency only; never released by consent.' }) healthNotes!: string | null;
}

@ObjectType({ description: 'The result of asking for an identity: the identity, or why not.' })
export class IdentityAccess {
  @Field(() => VictimIdentity, { nullable: true }) identity!: VictimIdentity | null;
  @Field(() => IdentityDenial, { nullable: true }) denial!: IdentityDenial | null;
  @Field(() => [String], { description: 'The fields released to you.' }) released!: string[];
  @Field(() => Int, { nullable: true, description: 'The identity record version (to correct it with updateVictimIdentity).' }) version!:
    number | null;
}

@ObjectType()
export class VictimCaseLink {
  @Field(() => ID) caseId!: string;
  @Field() caseNumber!: string;
  @Field() caseTitle!: string;
}

@ObjectType({ description: 'A survivor: the pseudonymous code and a profile that identifies no one.' })
export class Victim {
  @Field(() => ID) id!: string;
  @Field({ description: 'Pseudonymous code, e.g. V-2026-0042.' }) code!: string;
  @Field(() => AgeBand) ageBand!: AgeBand;
  @Field() minorAtExploitation!: boolean;
  @Field(() => Gender) gender!: Gender;
  @Field(() => TraffickingType) traffickingType!: TraffickingType;
  @Field(() => [RiskFactor]) riskFactors!: RiskFactor[];
  @Field(() => [SafetyFlag]) safetyFlags!: SafetyFlag[];
  @Field(() => Agency, { description: 'The agency that keeps the record.' }) custodialAgency!: Agency;
  @Field({ description: 'Your agency keeps this record.' }) custodial!: boolean;
  @Field(() => [VictimCaseLink], { description: 'Linked cases you can see.' }) cases!: VictimCaseLink[];
  @Field(() => String, { nullable: true, description: 'The date of the crime (or the last day of exploitation).' }) crimeDate!:
    string | null;
  @Field({ description: 'The day the person was identified as a victim.' }) identifiedOn!: string;
  @Field(() => UserRef, { nullable: true, description: 'The advocate who carries the record.' }) advocate!: UserRef | null;
  @Field() createdAt!: Date;
  @Field(() => Int) version!: number;
  agencyId!: string;
}

@ObjectType()
export class VictimConnection extends Paginated(Victim) {}

@ObjectType()
export class Consent {
  @Field(() => ID) id!: string;
  @Field(() => ID) victimId!: string;
  @Field() victimCode!: string;
  @Field(() => Agency) custodialAgency!: Agency;
  @Field(() => Agency) recipientAgency!: Agency;
  @Field(() => [ConsentScope]) scopes!: ConsentScope[];
  @Field() purpose!: string;
  @Field() signedOn!: string;
  @Field({ description: 'The consent ends at the start of this day.' }) expiresOn!: string;
  @Field(() => String, { nullable: true }) extendedReason!: string | null;
  @Field(() => String, { nullable: true }) witness!: string | null;
  @Field(() => String, { nullable: true }) formReference!: string | null;
  @Field(() => ConsentStatus) status!: ConsentStatus;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revokedReason!: string | null;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class RegisterVictimPayload {
  @Field(() => Victim) victim!: Victim;
  @Field(() => [Victim], { description: 'Victims of your agency with the same name and date of birth: probably the same person.' })
  possibleDuplicates!: Victim[];
}

@InputType()
export class VictimIdentityInput {
  @Field() @IsString() @Length(2, 200) legalName!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) aliases?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDay('birthDate') birthDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) languages?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) immigrationStatus?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(7, 40) phone?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) healthNotes?: string | null;
}

@InputType()
export class RegisterVictimInput {
  @Field(() => AgeBand) @IsEnum(AgeBand) ageBand!: AgeBand;
  @Field() @IsBoolean() minorAtExploitation!: boolean;
  @Field(() => Gender) @IsEnum(Gender) gender!: Gender;
  @Field(() => TraffickingType) @IsEnum(TraffickingType) traffickingType!: TraffickingType;
  @Field(() => [RiskFactor], { defaultValue: [] }) @IsArray() @ArrayUnique() @IsEnum(RiskFactor, { each: true }) riskFactors: RiskFactor[] =
    [];
  @Field(() => [SafetyFlag], { defaultValue: [] }) @IsArray() @ArrayUnique() @IsEnum(SafetyFlag, { each: true }) safetyFlags: SafetyFlag[] =
    [];
  @Field(() => VictimIdentityInput) @ValidateNested() @Type(() => VictimIdentityInput) identity!: VictimIdentityInput;
  @Field(() => [ID], { defaultValue: [], description: 'Cases you can see to link the victim to.' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds: string[] = [];
  @Field({ nullable: true, description: 'The date of the crime (or the last day of exploitation): starts the compensation-claim year.' })
  @IsOptional()
  @IsDay('crimeDate')
  crimeDate?: string;
  @Field({ nullable: true, description: 'The day the person was identified as a victim; defaults to today.' })
  @IsOptional()
  @IsDay('identifiedOn')
  identifiedOn?: string;
  @Field(() => ID, { nullable: true, description: 'The advocate who carries the record; defaults to you if you are an advocate.' })
  @IsOptional()
  @IsUUID()
  advocateId?: string;
}

@InputType()
export class UpdateVictimInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field(() => AgeBand, { nullable: true }) @IsOptional() @IsEnum(AgeBand) ageBand?: AgeBand | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() minorAtExploitation?: boolean | null;
  @Field(() => Gender, { nullable: true }) @IsOptional() @IsEnum(Gender) gender?: Gender | null;
  @Field(() => TraffickingType, { nullable: true }) @IsOptional() @IsEnum(TraffickingType) traffickingType?: TraffickingType | null;
  @Field(() => [RiskFactor], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(RiskFactor, { each: true })
  riskFactors?: RiskFactor[] | null;
  @Field(() => [SafetyFlag], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(SafetyFlag, { each: true })
  safetyFlags?: SafetyFlag[] | null;
  @Field(() => String, { nullable: true, description: 'null clears it.' }) @IsOptional() @IsDay('crimeDate') crimeDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDay('identifiedOn') identifiedOn?: string | null;
  @Field(() => ID, { nullable: true, description: 'null leaves the record without an advocate.' }) @IsOptional() @IsUUID() advocateId?:
    string | null;
}

@InputType({ description: 'Identity fields to correct; a field left out is unchanged, null clears it (not legalName).' })
export class VictimIdentityChangesInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(2, 200) legalName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) aliases?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsDay('birthDate') birthDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) languages?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) immigrationStatus?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(7, 40) phone?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) healthNotes?: string | null;
}

@InputType()
export class UpdateVictimIdentityInput {
  @Field(() => ID) @IsUUID() victimId!: string;
  @Field(() => Int, { description: 'The identity version you read (IdentityAccess.version).' }) @IsInt() @Min(1) version!: number;
  @Field({ description: 'Why it is corrected (kept in the audit trail).' }) @IsString() @Length(3, 300) reason!: string;
  @Field(() => VictimIdentityChangesInput) @ValidateNested() @Type(() => VictimIdentityChangesInput) changes!: VictimIdentityChangesInput;
}

@InputType()
export class LinkVictimInput {
  @Field(() => ID) @IsUUID() victimId!: string;
  @Field(() => ID) @IsUUID() caseId!: string;
}

@InputType()
export class FindVictimInput {
  @Field() @IsString() @Length(2, 200) legalName!: string;
  @Field() @IsDay('birthDate') birthDate!: string;
}

@InputType()
export class RecordConsentInput {
  @Field(() => ID) @IsUUID() victimId!: string;
  @Field(() => ID) @IsUUID() recipientAgencyId!: string;
  @Field(() => [ConsentScope]) @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsEnum(ConsentScope, { each: true }) scopes!: ConsentScope[];
  @Field() @IsString() @Length(3, 500) purpose!: string;
  @Field() @IsDay('signedOn') signedOn!: string;
  @Field({ description: 'Required; at most one year after signing unless extendedReason says why.' })
  @IsDay('expiresOn')
  expiresOn!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(3, 500) extendedReason?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) witness?: string;
  @Field({ nullable: true, description: 'Where the signed form is kept.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  formReference?: string;
}

@InputType()
export class RevokeConsentInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field() @IsString() @Length(3, 1000) reason!: string;
}

@ArgsType()
export class VictimsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only the victims your agency keeps (true) or only others you can see (false).' })
  @IsOptional()
  @IsBoolean()
  custodial?: boolean;
}

@ObjectType()
export class ServiceNote {
  @Field(() => ID) id!: string;
  @Field() body!: string;
  @Field(() => String, { nullable: true }) authorName!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType({ description: "A need or service of a victim; its notes are the provider's own." })
export class VictimService {
  @Field(() => ID) id!: string;
  @Field(() => ID) victimId!: string;
  @Field() victimCode!: string;
  @Field(() => ServiceCategory) category!: ServiceCategory;
  @Field(() => String, { nullable: true, description: 'E.g. T visa, U visa, Continued Presence.' }) detail!: string | null;
  @Field(() => ServiceStatus) status!: ServiceStatus;
  @Field(() => Agency) provider!: Agency;
  @Field(() => Agency) custodialAgency!: Agency;
  @Field() requestedOn!: string;
  @Field(() => String, { nullable: true }) startedOn!: string | null;
  @Field(() => String, { nullable: true }) endedOn!: string | null;
  @Field(() => String, { nullable: true }) outcome!: string | null;
  @Field(() => Int) version!: number;
  providerAgencyId!: string;
}

@InputType()
export class AddServiceInput {
  @Field(() => ID) @IsUUID() victimId!: string;
  @Field(() => ServiceCategory) @IsEnum(ServiceCategory) category!: ServiceCategory;
  @Field(() => ID, { description: 'The agency providing it (may be your own).' }) @IsUUID() providerAgencyId!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) detail?: string;
  @Field({ nullable: true, description: 'Defaults to today.' }) @IsOptional() @IsDay('requestedOn') requestedOn?: string;
}

@InputType()
export class UpdateServiceInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field(() => ServiceStatus, { nullable: true }) @IsOptional() @IsEnum(ServiceStatus) status?: ServiceStatus;
  @Field({ nullable: true }) @IsOptional() @IsDay('startedOn') startedOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsDay('endedOn') endedOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) outcome?: string;
}

@InputType()
export class AddServiceNoteInput {
  @Field(() => ID) @IsUUID() serviceId!: string;
  @Field() @IsString() @Length(1, 10000) body!: string;
}
