import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { NewUserInput } from '@app/auth';
import { AgencyKind, AgencyLevel, ORI_PATTERN } from '../agency.enums';

@ObjectType()
export class TaskForce {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) region!: string | null;
}

@ObjectType({ description: 'A member agency of the task force, with the contact to call (e.g. on a deconfliction match).' })
export class Agency {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'Short code, used as the case-number prefix.' }) shortCode!: string;
  @Field(() => AgencyLevel) level!: AgencyLevel;
  @Field(() => AgencyKind) kind!: AgencyKind;
  @Field(() => String, { nullable: true }) ori!: string | null;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field() active!: boolean;
  @Field(() => Int) version!: number;
}

@InputType()
class AgencyFields {
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(2, 200) name?: string;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(ORI_PATTERN, { message: 'ori must be 9 characters: a two-letter state code and 7 letters or digits (e.g. WY0110000)' })
  ori?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) contactName?: string;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()./-]{7,25}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail({}, { message: 'contactEmail must be a valid e-mail address' }) contactEmail?: string;
}

@InputType()
export class CreateAgencyInput extends AgencyFields {
  @Field() @IsString() @Length(2, 200) declare name: string;
  @Field({ description: '2 to 10 capital letters or digits, starting with a letter; unique in the task force.' })
  @Matches(/^[A-Z][A-Z0-9]{1,9}$/, { message: 'shortCode must be 2-10 capital letters or digits, starting with a letter' })
  shortCode!: string;
  @Field(() => AgencyLevel) @IsEnum(AgencyLevel) level!: AgencyLevel;
  @Field(() => AgencyKind) @IsEnum(AgencyKind) kind!: AgencyKind;
  @Field(() => NewUserInput, { description: "The agency's first AGENCY_ADMIN." })
  @ValidateNested()
  @Type(() => NewUserInput)
  firstAdmin!: NewUserInput;
}

@InputType()
export class UpdateAgencyInput extends AgencyFields {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
  @Field({ nullable: true, description: 'Task-force admin only. An inactive agency cannot sign in.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ObjectType()
export class CreateAgencyPayload {
  @Field(() => Agency) agency!: Agency;
  @Field(() => ID) firstAdminUserId!: string;
}
