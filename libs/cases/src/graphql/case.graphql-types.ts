import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs, Paginated, IsDay } from '@app/core';
import { Agency } from '@app/agencies';
import {
  CaseAccessLevel,
  CaseClosure,
  IdentifierSource,
  CaseStatus,
  ChargeDisposition,
  MeansOfControl,
  ShareAccess,
  StatuteJurisdiction,
  SubjectRole,
  SubjectStatus,
  TraffickingType,
  Venue,
} from '../cases.enums';
import { DeconflictionMatch, Identifier, IdentifierInput } from './lead.graphql-types';

@ObjectType()
export class CaseAssignee {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'Shown to the lead agency; other agencies call the lead agency contact.' })
  displayName!: string | null;
}

@ObjectType()
export class CaseParticipant {
  @Field(() => Agency) agency!: Agency;
  @Field(() => ShareAccess) access!: ShareAccess;
  @Field() grantedAt!: Date;
}

@ObjectType()
export class Case {
  @Field(() => ID) id!: string;
  @Field({ description: 'Agency prefix, year and sequence, e.g. LCSO-2026-0007.' }) number!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => TraffickingType) traffickingType!: TraffickingType;
  @Field(() => Venue, { nullable: true }) venue!: Venue | null;
  @Field(() => [MeansOfControl]) meansOfControl!: MeansOfControl[];
  @Field(() => String, { nullable: true }) controlDetail!: string | null;
  @Field() state!: string;
  @Field(() => [String]) counties!: string[];
  @Field(() => CaseStatus) status!: CaseStatus;
  @Field(() => CaseClosure, { nullable: true }) closure!: CaseClosure | null;
  @Field(() => String, { nullable: true }) closedReason!: string | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Agency) leadAgency!: Agency;
  @Field(() => CaseAccessLevel, { description: "Your agency's standing on this case." }) myAccess!: CaseAccessLevel;
  @Field(() => [CaseAssignee]) assignees!: CaseAssignee[];
  @Field(() => ID, { nullable: true, description: 'The lead it was promoted from (readable by the lead agency only).' }) leadId!:
    string | null;
  @Field(() => Int) subjectCount!: number;
  @Field(() => Int) openTaskCount!: number;
  @Field(() => Int) participantCount!: number;
  @Field(() => Int, { description: "Victims linked to the case (a count; who they are is the custodial agency's)." }) victimCount!: number;
  @Field() openedAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
  agencyId!: string;
}

@ObjectType()
export class CaseConnection extends Paginated(Case) {}

@ObjectType()
export class Statute {
  @Field(() => ID) code!: string;
  @Field(() => StatuteJurisdiction) jurisdiction!: StatuteJurisdiction;
  @Field() citation!: string;
  @Field() title!: string;
  @Field(() => String, {
    nullable: true,
    description: 'NIBRS human-trafficking offence (64A commercial sex acts, 64B involuntary servitude).',
  })
  nibrs!: string | null;
}

@ObjectType()
export class Charge {
  @Field(() => ID) id!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => Statute) statute!: Statute;
  @Field(() => Int) counts!: number;
  @Field(() => String, { nullable: true }) filedOn!: string | null;
  @Field(() => ChargeDisposition) disposition!: ChargeDisposition;
  @Field(() => String, { nullable: true }) dispositionOn!: string | null;
  @Field(() => String, { nullable: true }) sentence!: string | null;
  @Field(() => Agency, { description: 'The agency that recorded the charge.' }) recordedBy!: Agency;
  @Field(() => Int) version!: number;
  caseId!: string;
}

@ObjectType()
export class Subject {
  @Field(() => ID) id!: string;
  @Field(() => SubjectRole) role!: SubjectRole;
  @Field() displayName!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => SubjectStatus) status!: SubjectStatus;
  @Field(() => Agency, { description: 'The agency that added the subject.' }) addedBy!: Agency;
  @Field(() => Int) version!: number;
  caseId!: string;
}

@ObjectType()
export class CaseNote {
  @Field(() => ID) id!: string;
  @Field() body!: string;
  @Field(() => Agency) agency!: Agency;
  @Field(() => String, { nullable: true, description: "The author's name, shown within the author's agency." }) authorName!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType()
export class CaseTask {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => ID, { nullable: true }) assigneeId!: string | null;
  @Field(() => String, { nullable: true }) assigneeName!: string | null;
  @Field(() => String, { nullable: true }) dueOn!: string | null;
  @Field() done!: boolean;
  @Field(() => Date, { nullable: true }) doneAt!: Date | null;
  @Field(() => Agency) agency!: Agency;
  @Field(() => Int) version!: number;
  caseId!: string;
}

@ObjectType()
export class CaseIdentifier extends Identifier {
  @Field(() => IdentifierSource) source!: IdentifierSource;
  @Field(() => ID, { description: 'The lead, case or subject it was recorded on.' }) sourceId!: string;
}

@ObjectType()
export class OpenCasePayload {
  @Field(() => Case) case!: Case;
  @Field(() => [DeconflictionMatch], { description: 'Agencies already working one of these identifiers.' })
  deconfliction!: DeconflictionMatch[];
}

@ObjectType()
export class AddSubjectPayload {
  @Field(() => Subject) subject!: Subject;
  @Field(() => [DeconflictionMatch]) deconfliction!: DeconflictionMatch[];
}

@InputType()
export class CaseFieldsInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(3, 200) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20000) summary?: string | null;
  @Field(() => TraffickingType, { nullable: true }) @IsOptional() @IsEnum(TraffickingType) traffickingType?: TraffickingType | null;
  @Field(() => Venue, { nullable: true }) @IsOptional() @IsEnum(Venue) venue?: Venue | null;
  @Field(() => [MeansOfControl], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(MeansOfControl, { each: true })
  meansOfControl?: MeansOfControl[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) controlDetail?: string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(23)
  @IsString({ each: true })
  @Length(2, 60, { each: true })
  counties?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Investigators, supervisors or prosecutors of the lead agency.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  assigneeIds?: string[] | null;
}

@InputType()
export class OpenCaseInput extends CaseFieldsInput {
  @Field() @IsString() @Length(3, 200) override title: string = '';
  @Field(() => TraffickingType) @IsEnum(TraffickingType) override traffickingType: TraffickingType = TraffickingType.UNDETERMINED;
  @Field({ defaultValue: 'WY' }) @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter code such as WY' }) state: string = 'WY';
  @Field(() => [IdentifierInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IdentifierInput)
  identifiers: IdentifierInput[] = [];
}

@InputType()
export class PromoteLeadInput extends CaseFieldsInput {
  @Field(() => ID, { description: 'The lead (NEW or TRIAGED) of your agency.' }) @IsUUID() leadId!: string;
  @Field(() => Int, { description: 'The version of the lead you read.' }) @IsInt() @Min(1) leadVersion!: number;
  @Field() @IsString() @Length(3, 200) override title: string = '';
}

@InputType()
export class UpdateCaseInput extends CaseFieldsInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
}

@InputType()
export class SetCaseStatusInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field(() => CaseStatus) @IsEnum(CaseStatus) status!: CaseStatus;
}

@InputType()
export class CloseCaseInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field(() => CaseClosure) @IsEnum(CaseClosure) as!: CaseClosure;
  @Field() @IsString() @Length(3, 2000) reason!: string;
}

@InputType()
export class ShareCaseInput {
  @Field(() => ID) @IsUUID() caseId!: string;
  @Field(() => Int, { description: 'The version of the case you read.' }) @IsInt() @Min(1) version!: number;
  @Field(() => ID) @IsUUID() agencyId!: string;
  @Field(() => ShareAccess) @IsEnum(ShareAccess) access!: ShareAccess;
}

@InputType()
export class RevokeCaseShareInput {
  @Field(() => ID) @IsUUID() caseId!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field(() => ID) @IsUUID() agencyId!: string;
}

@InputType()
export class CaseFilter {
  @Field(() => [CaseStatus], { nullable: true }) @IsOptional() @IsArray() @IsEnum(CaseStatus, { each: true }) status?: CaseStatus[];
  @Field(() => TraffickingType, { nullable: true }) @IsOptional() @IsEnum(TraffickingType) traffickingType?: TraffickingType;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(60) county?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() assigneeId?: string;
  @Field({ nullable: true, description: 'Only cases your agency leads (true) or only those shared with it (false).' })
  @IsOptional()
  @IsBoolean()
  leading?: boolean;
}

@ArgsType()
export class CasesArgs extends PageArgs {
  @Field(() => CaseFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => CaseFilter) filter?: CaseFilter;
}

@InputType()
export class AddSubjectInput {
  @Field(() => ID) @IsUUID() caseId!: string;
  @Field(() => SubjectRole) @IsEnum(SubjectRole) role!: SubjectRole;
  @Field({ description: 'Name or alias as known.' }) @IsString() @Length(1, 200) displayName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Field(() => SubjectStatus, { defaultValue: SubjectStatus.UNDER_INVESTIGATION })
  @IsEnum(SubjectStatus)
  status: SubjectStatus = SubjectStatus.UNDER_INVESTIGATION;
  @Field(() => [IdentifierInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IdentifierInput)
  identifiers: IdentifierInput[] = [];
}

@InputType()
export class UpdateSubjectInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field(() => SubjectRole, { nullable: true }) @IsOptional() @IsEnum(SubjectRole) role?: SubjectRole | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) displayName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @Field(() => SubjectStatus, { nullable: true }) @IsOptional() @IsEnum(SubjectStatus) status?: SubjectStatus | null;
}

@InputType()
export class AddChargeInput {
  @Field(() => ID) @IsUUID() subjectId!: string;
  @Field(() => ID, { description: 'A statute code from the catalogue (query statutes).' }) @IsString() @Length(2, 40) statuteCode!: string;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1) @Max(500) counts: number = 1;
  @Field({ nullable: true }) @IsOptional() @IsDay('filedOn') filedOn?: string;
}

@InputType()
export class UpdateChargeInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field({ nullable: true }) @IsOptional() @IsDay('filedOn') filedOn?: string;
  @Field(() => ChargeDisposition, { nullable: true }) @IsOptional() @IsEnum(ChargeDisposition) disposition?: ChargeDisposition;
  @Field({ nullable: true, description: 'Required for any disposition other than PENDING.' })
  @IsOptional()
  @IsDay('dispositionOn')
  dispositionOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) sentence?: string;
}

@InputType()
export class AddCaseNoteInput {
  @Field(() => ID) @IsUUID() caseId!: string;
  @Field() @IsString() @Length(1, 20000) body!: string;
}

@InputType()
export class AddCaseTaskInput {
  @Field(() => ID) @IsUUID() caseId!: string;
  @Field() @IsString() @Length(1, 300) title!: string;
  @Field(() => ID, { nullable: true, description: 'A user of your own agency.' }) @IsOptional() @IsUUID() assigneeId?: string;
  @Field({ nullable: true }) @IsOptional() @IsDay('dueOn') dueOn?: string;
}

@InputType()
export class UpdateCaseTaskInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 300) title?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() assigneeId?: string | null;
  @Field({ nullable: true }) @IsOptional() @IsDay('dueOn') dueOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() done?: boolean;
}
