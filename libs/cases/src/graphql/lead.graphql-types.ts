import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs, Paginated } from '@app/core';
import { Agency } from '@app/agencies';
import { IdentifierKind } from '../identifiers/identifier-kind';
import { Indicator, LeadClosure, LeadPriority, LeadSource, LeadStatus, TraffickingType, Venue } from '../cases.enums';

@InputType()
export class IdentifierInput {
  @Field(() => IdentifierKind) @IsEnum(IdentifierKind) kind!: IdentifierKind;
  @Field({ description: "Phone, address, handle, plate, or a person's full name." }) @IsString() @Length(2, 300) value!: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; required for PERSON.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date as YYYY-MM-DD' })
  birthDate?: string;
}

@ObjectType()
export class Identifier {
  @Field(() => ID) id!: string;
  @Field(() => IdentifierKind) kind!: IdentifierKind;
  @Field() value!: string;
  @Field(() => String, { nullable: true }) birthDate!: string | null;
}

@ObjectType({ description: 'Another agency works the same identifier: only who to call, never their record.' })
export class DeconflictionMatch {
  @Field(() => Agency) agency!: Agency;
  @Field(() => IdentifierKind) kind!: IdentifierKind;
}

@ObjectType()
export class Lead {
  @Field(() => ID) id!: string;
  @Field() reference!: string;
  @Field(() => LeadSource) source!: LeadSource;
  @Field() receivedAt!: Date;
  @Field() narrative!: string;
  @Field() state!: string;
  @Field(() => String, { nullable: true }) county!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => TraffickingType) suspectedType!: TraffickingType;
  @Field(() => Venue, { nullable: true }) venue!: Venue | null;
  @Field(() => [Indicator]) indicators!: Indicator[];
  @Field(() => LeadStatus) status!: LeadStatus;
  @Field(() => LeadPriority) priority!: LeadPriority;
  @Field(() => ID, { nullable: true }) assignedToId!: string | null;
  @Field(() => String, { nullable: true }) assignedToName!: string | null;
  @Field(() => ID, { nullable: true }) duplicateOfId!: string | null;
  @Field(() => String, { nullable: true }) closedReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The case it was promoted to.' }) caseId!: string | null;
  @Field(() => [Identifier]) identifiers!: Identifier[];
  @Field() createdAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class LeadConnection extends Paginated(Lead) {}

@ObjectType()
export class CreateLeadPayload {
  @Field(() => Lead) lead!: Lead;
  @Field(() => [DeconflictionMatch], { description: 'Agencies already working one of these identifiers.' })
  deconfliction!: DeconflictionMatch[];
}

@InputType()
export class CreateLeadInput {
  @Field(() => LeadSource) @IsEnum(LeadSource) source!: LeadSource;
  @Field() @IsDate() receivedAt!: Date;
  @Field() @IsString() @Length(1, 20000) narrative!: string;
  @Field({ defaultValue: 'WY' }) @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter code such as WY' }) state: string = 'WY';
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) county?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) city?: string;
  @Field(() => TraffickingType) @IsEnum(TraffickingType) suspectedType!: TraffickingType;
  @Field(() => Venue, { nullable: true }) @IsOptional() @IsEnum(Venue) venue?: Venue;
  @Field(() => [Indicator], { defaultValue: [] }) @IsArray() @ArrayMaxSize(30) @IsEnum(Indicator, { each: true }) indicators: Indicator[] =
    [];
  @Field(() => [IdentifierInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IdentifierInput)
  identifiers: IdentifierInput[] = [];
}

@InputType()
export class TriageLeadInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field(() => LeadPriority) @IsEnum(LeadPriority) priority!: LeadPriority;
  @Field(() => ID, { nullable: true, description: 'An investigator or supervisor of your agency.' })
  @IsOptional()
  @IsUUID()
  assignedToId?: string;
}

@InputType()
export class CloseLeadInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field(() => LeadClosure) @IsEnum(LeadClosure) as!: LeadClosure;
  @Field() @IsString() @Length(3, 2000) reason!: string;
  @Field(() => ID, { nullable: true, description: 'Required when closing as DUPLICATE.' }) @IsOptional() @IsUUID() duplicateOfId?: string;
}

@InputType()
export class LeadFilter {
  @Field(() => [LeadStatus], { nullable: true }) @IsOptional() @IsArray() @IsEnum(LeadStatus, { each: true }) status?: LeadStatus[];
  @Field(() => LeadSource, { nullable: true }) @IsOptional() @IsEnum(LeadSource) source?: LeadSource;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) county?: string;
  @Field(() => TraffickingType, { nullable: true }) @IsOptional() @IsEnum(TraffickingType) suspectedType?: TraffickingType;
  @Field({ nullable: true }) @IsOptional() @IsDate() receivedFrom?: Date;
  @Field({ nullable: true }) @IsOptional() @IsDate() receivedTo?: Date;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() assignedToId?: string;
}

@ArgsType()
export class LeadsArgs extends PageArgs {
  @Field(() => LeadFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => LeadFilter) filter?: LeadFilter;
}

@ObjectType()
export class DeconflictionNotice {
  @Field(() => ID) id!: string;
  @Field(() => Agency, { description: 'The other agency: whom to call.' }) otherAgency!: Agency;
  @Field(() => IdentifierKind) kind!: IdentifierKind;
  @Field({ description: 'Your own identifier that matched.' }) identifierValue!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) acknowledgedAt!: Date | null;
}

@ObjectType()
export class DeconflictionNoticeConnection extends Paginated(DeconflictionNotice) {}
