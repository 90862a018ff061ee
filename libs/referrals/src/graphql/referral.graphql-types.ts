import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ValidateNested,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ArrayMaxSize,
} from 'class-validator';
import { Agency } from '@app/agencies';
import { PageArgs, Paginated } from '@app/core';
import { ShareAccess } from '@app/cases';
import { ServiceCategory } from '@app/victims';
import { ReferralDirection, ReferralKind, ReferralStatus, ReferralUrgency } from '../referrals.enums';

@ObjectType({ description: 'What the receiver sees before deciding: nothing that identifies a person or names a case.' })
export class ReferralBrief {
  @Field() label!: string;
  @Field(() => String, { nullable: true }) caseType!: string | null;
  @Field(() => String, { nullable: true }) caseVenue!: string | null;
  @Field(() => [String], { nullable: true }) caseCounties!: string[] | null;
  @Field(() => String, { nullable: true }) victimCode!: string | null;
  @Field(() => String, { nullable: true }) ageBand!: string | null;
  @Field(() => Boolean, { nullable: true }) minorAtExploitation!: boolean | null;
  @Field(() => String, { nullable: true }) gender!: string | null;
  @Field(() => String, { nullable: true }) traffickingType!: string | null;
}

@ObjectType()
export class PersonRef {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) displayName!: string | null;
}

@ObjectType()
export class ReferralEvent {
  @Field() action!: string;
  @Field() at!: Date;
  @Field(() => PersonRef, { nullable: true, description: 'Null when the system did it (expiry).' }) actor!: PersonRef | null;
  @Field(() => Agency, { nullable: true }) actorAgency!: Agency | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
export class Referral {
  @Field(() => ID) id!: string;
  @Field(() => ReferralKind) kind!: ReferralKind;
  @Field(() => ReferralStatus) status!: ReferralStatus;
  @Field(() => ReferralUrgency) urgency!: ReferralUrgency;
  @Field() reason!: string;
  @Field({ description: 'The receiver answers by then.' }) respondBy!: Date;
  @Field({ description: 'Pending past its deadline.' }) overdue!: boolean;
  @Field(() => ReferralDirection, { description: 'From your agency (OUTGOING) or to it (INCOMING).' }) direction!: ReferralDirection;
  @Field(() => Agency) fromAgency!: Agency;
  @Field(() => PersonRef) fromUser!: PersonRef;
  @Field(() => Agency) toAgency!: Agency;
  @Field(() => ReferralBrief) brief!: ReferralBrief;
  @Field(() => ID, { nullable: true, description: 'The case: the sender always; the receiver once accepted.' }) caseId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The victim: the sender always; the receiver once accepted.' }) victimId!: string | null;
  @Field(() => ShareAccess, { nullable: true, description: 'CASE: the participation offered.' }) offeredAccess!: ShareAccess | null;
  @Field(() => ServiceCategory, { nullable: true }) serviceCategory!: ServiceCategory | null;
  @Field({ description: 'The victim referral relies on a consent to share the identity.' }) disclosesIdentity!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it was declined or withdrawn.' }) answerReason!: string | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => String, { nullable: true }) outcome!: string | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The service created at the provider on acceptance.' }) serviceId!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Int) version!: number;
  fromAgencyId!: string;
  toAgencyId!: string;
}

@ObjectType()
export class ReferralConnection extends Paginated(Referral) {}

@ObjectType()
export class ReferralStatusCount {
  @Field(() => ReferralStatus) status!: ReferralStatus;
  @Field(() => Int) count!: number;
  @Field(() => Int, { description: 'Of those, pending past the deadline.' }) overdue!: number;
}

@ObjectType()
export class Notification {
  @Field(() => ID) id!: string;
  @Field() event!: string;
  @Field() title!: string;
  @Field(() => ID, { nullable: true }) referralId!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}

@InputType()
export class ReferralsFilter {
  @Field(() => ReferralDirection) @IsEnum(ReferralDirection) direction!: ReferralDirection;
  @Field(() => [ReferralStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(ReferralStatus, { each: true })
  status?: ReferralStatus[];
  @Field(() => [ReferralKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(ReferralKind, { each: true })
  kind?: ReferralKind[];
  @Field(() => [ReferralUrgency], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(ReferralUrgency, { each: true })
  urgency?: ReferralUrgency[];
  @Field({ nullable: true, description: 'Only those pending past their deadline.' }) @IsOptional() @IsBoolean() overdue?: boolean;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @Field(() => ReferralsFilter) @ValidateNested() @Type(() => ReferralsFilter) filter!: ReferralsFilter;
}

@InputType()
export class SendCaseReferralInput {
  @Field(() => ID) @IsUUID() caseId!: string;
  @Field(() => ID) @IsUUID() toAgencyId!: string;
  @Field() @IsString() @Length(3, 2000) reason!: string;
  @Field(() => ReferralUrgency) @IsEnum(ReferralUrgency) urgency!: ReferralUrgency;
  @Field(() => ShareAccess, { description: 'The participation the receiver gets on acceptance.' })
  @IsEnum(ShareAccess)
  access!: ShareAccess;
}

@InputType()
export class SendVictimReferralInput {
  @Field(() => ID) @IsUUID() victimId!: string;
  @Field(() => ID) @IsUUID() toAgencyId!: string;
  @Field(() => ServiceCategory) @IsEnum(ServiceCategory) category!: ServiceCategory;
  @Field() @IsString() @Length(3, 2000) reason!: string;
  @Field(() => ReferralUrgency) @IsEnum(ReferralUrgency) urgency!: ReferralUrgency;
  @Field({ defaultValue: false, description: "Share the survivor's identity with the provider: needs a live IDENTITY consent to it." })
  @IsBoolean()
  disclosesIdentity: boolean = false;
}

@InputType()
export class ReferralAnswerInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field({ nullable: true, description: 'Required to decline; optional to withdraw.' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  reason?: string;
}

@InputType()
export class CompleteReferralInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field() @IsString() @Length(3, 2000) outcome!: string;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID]) @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) ids!: string[];
}
