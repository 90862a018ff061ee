import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import { Role } from '@app/access';
import { Paginated, PageArgs } from '@app/core';

@ObjectType({ description: 'A user of an agency (never their credentials).' })
export class User {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field() username!: string;
  @Field() displayName!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => [Role]) roles!: Role[];
  @Field() active!: boolean;
  @Field() locked!: boolean;
  @Field() mfaEnabled!: boolean;
  @Field(() => Date, { nullable: true }) lastLoginAt!: Date | null;
  @Field() createdAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class UserConnection extends Paginated(User) {}

@ArgsType()
export class UsersArgs extends PageArgs {}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

@InputType()
export class NewUserInput {
  @Field({ description: 'Lower-case letters, digits and . _ @ -; 3 to 64 characters.' })
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3-64 characters: lower-case letters, digits, and . _ @ -, starting with a letter or digit',
  })
  username!: string;
  @Field() @IsString() @Length(1, 200) displayName!: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail({}, { message: 'email must be a valid e-mail address' }) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) title?: string;
  @Field({ description: 'An initial password (12 to 128 characters, not a common one).' }) @IsString() @Length(1, 256) password!: string;
}

@InputType()
export class CreateUserInput extends NewUserInput {
  @Field(() => [Role]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(8) @IsEnum(Role, { each: true }) roles!: Role[];
}

@InputType()
export class SetUserRolesInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @Field(() => [Role]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(8) @IsEnum(Role, { each: true }) roles!: Role[];
  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' }) @IsInt() @Min(1) version!: number;
}

@InputType()
export class UserIdInput {
  @Field(() => ID) @IsUUID() userId!: string;
}
