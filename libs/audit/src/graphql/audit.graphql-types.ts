import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { GraphQLJSONObject } from 'graphql-scalars';
import { PageArgs, Paginated } from '@app/core';
import { AuditOutcome } from '../audit.types';

@ObjectType({ description: 'One entry of the append-only, hash-chained audit trail.' })
export class AuditEvent {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Position in the chain (1, 2, 3, ... without gaps).' }) seq!: string;
  @Field({ description: 'UTC, with microseconds.' }) occurredAt!: string;
  @Field(() => ID, { nullable: true }) actorUserId!: string | null;
  @Field(() => String, { nullable: true }) actorUsername!: string | null;
  @Field(() => ID, { nullable: true }) agencyId!: string | null;
  @Field(() => ID, { nullable: true }) subjectAgencyId!: string | null;
  @Field(() => [String]) actorRoles!: string[];
  @Field() action!: string;
  @Field(() => String, { nullable: true }) recordType!: string | null;
  @Field(() => String, { nullable: true }) recordId!: string | null;
  @Field(() => AuditOutcome) outcome!: AuditOutcome;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Changed fields; confidential values are masked.' })
  changes!: Record<string, unknown> | null;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => String, { nullable: true }) clientAddress!: string | null;
  @Field({ description: 'SHA-256 of the previous link, hex.' }) prevHash!: string;
  @Field({ description: 'SHA-256 of this event, hex.' }) hash!: string;
}

@ObjectType()
export class AuditEventConnection extends Paginated(AuditEvent) {}

@InputType()
export class AuditEventFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() actorUserId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) action?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) recordType?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) recordId?: string;
  @Field(() => AuditOutcome, { nullable: true }) @IsOptional() @IsEnum(AuditOutcome) outcome?: AuditOutcome;
  @Field({ nullable: true }) @IsOptional() @IsDate() from?: Date;
  @Field({ nullable: true }) @IsOptional() @IsDate() to?: Date;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilter)
  filter?: AuditEventFilter;
}

@ObjectType()
export class AuditVerification {
  @Field() ok!: boolean;
  @Field(() => Int) checked!: number;
  @Field(() => String, { nullable: true, description: 'seq of the first broken link' }) firstBrokenSeq!: string | null;
  @Field(() => ID, { nullable: true }) firstBrokenEventId!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Int, { description: 'How many signed checkpoints (kept outside the database) the trail was compared with.' })
  checkpointsChecked!: number;
  @Field(() => String, { nullable: true, description: 'seq of the latest signed checkpoint' }) checkpointSeq!: string | null;
  @Field(() => String, { nullable: true, description: 'When the latest checkpoint was signed (ISO 8601, UTC).' })
  checkpointSignedAt!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Id of the Ed25519 key that signs the checkpoints (`npm run audit:verify -- --print-public-key`).',
  })
  checkpointKeyId!: string | null;
}
