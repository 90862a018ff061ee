import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayUnique, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { IsDay } from '@app/core';
import { DeadlineRule, DeadlineStatus, LegalMatterKind, LegalMatterOutcome } from '../deadlines/deadline-rules';

registerEnumType(DeadlineRule, { name: 'DeadlineRule', description: 'The rule a deadline comes from.' });
registerEnumType(DeadlineStatus, { name: 'DeadlineStatus' });
registerEnumType(LegalMatterKind, { name: 'LegalMatterKind' });
registerEnumType(LegalMatterOutcome, { name: 'LegalMatterOutcome' });

@ObjectType()
export class UserRef {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) displayName!: string | null;
}

@ObjectType({ description: 'A dated legal deadline of a victim, with the rule it comes from. The custodial agency only.' })
export class Deadline {
  @Field(() => ID) id!: string;
  @Field(() => ID) victimId!: string;
  @Field() victimCode!: string;
  @Field(() => DeadlineRule) rule!: DeadlineRule;
  @Field(() => ID, { nullable: true, description: 'The legal matter it comes from, if any.' }) matterId!: string | null;
  @Field() description!: string;
  @Field() dueOn!: string;
  @Field({ description: 'From this day the assignee is reminded.' }) remindOn!: string;
  @Field(() => DeadlineStatus) status!: DeadlineStatus;
  @Field(() => String, { nullable: true }) metOn!: string | null;
  @Field(() => String, { nullable: true, description: 'FACTS, SERVICE, MANUAL or HELD (a court date that has passed).' }) metBy!:
    string | null;
  @Field(() => String, { nullable: true }) manualNote!: string | null;
  @Field(() => UserRef, { nullable: true, description: "The victim's advocate." }) assignee!: UserRef | null;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class Reminder {
  @Field(() => ID) id!: string;
  @Field({ description: 'DUE_SOON or OVERDUE.' }) kind!: string;
  @Field() createdAt!: Date;
  @Field(() => Deadline) deadline!: Deadline;
  deadlineId!: string;
}

@ObjectType({ description: 'Continued Presence, a T/U-visa declaration request, or a court date: the facts deadlines come from.' })
export class LegalMatter {
  @Field(() => ID) id!: string;
  @Field(() => ID) victimId!: string;
  @Field(() => LegalMatterKind) kind!: LegalMatterKind;
  @Field(() => ID, { nullable: true }) caseId!: string | null;
  @Field(() => String, { nullable: true }) certifyingAgency!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) requestedOn!: string | null;
  @Field(() => String, { nullable: true }) decidedOn!: string | null;
  @Field(() => LegalMatterOutcome, { nullable: true }) outcome!: LegalMatterOutcome | null;
  @Field(() => String, { nullable: true }) grantedOn!: string | null;
  @Field(() => Int, { nullable: true }) lengthMonths!: number | null;
  @Field(() => String, { nullable: true }) renewalRequestedOn!: string | null;
  @Field(() => String, { nullable: true }) eventOn!: string | null;
  @Field(() => Int) version!: number;
}

@InputType()
export class LegalMatterFieldsInput {
  @Field(() => ID, { nullable: true, description: 'A case your agency can see (court dates).' }) @IsOptional() @IsUUID() caseId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'T/U visa: the agency asked to sign.' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  certifyingAgency?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) description?: string | null;
  @Field(() => String, { nullable: true, description: 'T/U visa: when the declaration was requested.' })
  @IsOptional()
  @IsDay('requestedOn')
  requestedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'T/U visa: when the certifying agency answered (with outcome).' })
  @IsOptional()
  @IsDay('decidedOn')
  decidedOn?: string | null;
  @Field(() => LegalMatterOutcome, { nullable: true }) @IsOptional() @IsEnum(LegalMatterOutcome) outcome?: LegalMatterOutcome | null;
  @Field(() => String, { nullable: true, description: 'Continued Presence: the grant date.' })
  @IsOptional()
  @IsDay('grantedOn')
  grantedOn?: string | null;
  @Field(() => Int, { nullable: true, description: 'Continued Presence: months granted (24 is usual).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  lengthMonths?: number | null;
  @Field(() => String, { nullable: true, description: 'Continued Presence: when renewal was requested.' })
  @IsOptional()
  @IsDay('renewalRequestedOn')
  renewalRequestedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Court date: the day.' }) @IsOptional() @IsDay('eventOn') eventOn?: string | null;
}

@InputType()
export class RecordLegalMatterInput extends LegalMatterFieldsInput {
  @Field(() => ID) @IsUUID() victimId!: string;
  @Field(() => LegalMatterKind) @IsEnum(LegalMatterKind) kind!: LegalMatterKind;
}

@InputType()
export class UpdateLegalMatterInput extends LegalMatterFieldsInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
}

@InputType()
export class DeadlinesFilter {
  @Field({ nullable: true, description: 'Only those assigned to you.' }) @IsOptional() @IsBoolean() mine?: boolean;
  @Field(() => ID, { nullable: true, description: "One advocate's worklist." }) @IsOptional() @IsUUID() assigneeId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() victimId?: string;
  @Field(() => [DeadlineStatus], { nullable: true, description: 'Defaults to OPEN and OVERDUE.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(DeadlineStatus, { each: true })
  status?: DeadlineStatus[];
  @Field(() => Int, { nullable: true, description: 'Due within this many days from today (overdue ones included).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3660)
  dueWithinDays?: number;
}

@InputType()
export class MarkDeadlineMetInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field({ nullable: true, description: 'Defaults to today.' }) @IsOptional() @IsDay('metOn') metOn?: string;
  @Field({ description: 'What was done (e.g. "claim filed with the Division of Victim Services").' })
  @IsString()
  @Length(3, 1000)
  note!: string;
}
