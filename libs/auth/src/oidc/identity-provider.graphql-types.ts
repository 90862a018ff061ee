import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Role } from '@app/access';

export enum IdentityRoleSource {
  /** Roles are kept here by the agency admin (new accounts get the default roles). */
  LOCAL = 'LOCAL',
  /** Roles come from a claim of the ID token at every sign-in (never the task-force admin role). */
  CLAIM = 'CLAIM',
}
registerEnumType(IdentityRoleSource, { name: 'IdentityRoleSource' });

@ObjectType({ description: "An agency's own identity provider (OpenID Connect). The client secret is never readable." })
export class AgencyIdentityProvider {
  @Field(() => ID) agencyId!: string;
  @Field({ description: 'The issuer URL, exactly as the provider names itself.' }) issuer!: string;
  @Field() clientId!: string;
  @Field(() => [String]) allowedEmailDomains!: string[];
  @Field({ description: 'Accounts are created at their first sign-in (else an admin creates them first).' }) createUsers!: boolean;
  @Field(() => IdentityRoleSource) roleSource!: IdentityRoleSource;
  @Field(() => String, { nullable: true }) roleClaim!: string | null;
  @Field(() => [Role], { description: 'The roles of an account created at first sign-in (role source LOCAL).' }) defaultRoles!: Role[];
  @Field(() => [String], { description: '`acr` values that count as multi-factor authentication.' }) mfaAcrValues!: string[];
  @Field(() => [String], { description: '`amr` values that count as multi-factor authentication (e.g. mfa, otp, hwk).' })
  mfaAmrValues!: string[];
  @Field() enabled!: boolean;
  @Field({ description: 'Where staff start signing in: /auth/oidc/<agency code>.' }) signInPath!: string;
  @Field({ description: 'The redirect URI to register with the provider (after this server’s address).' }) callbackPath!: string;
  @Field({ description: 'The back-channel logout URI to register with the provider (after this server’s address).' })
  backChannelLogoutPath!: string;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'An agency whose staff sign in through their own identity provider.' })
export class SignInOption {
  @Field() agencyCode!: string;
  @Field() agencyName!: string;
  @Field({ description: 'Open this path in the browser to sign in.' }) signInPath!: string;
}

const TOKEN_VALUE = /^[\x21-\x7e]{1,200}$/;

@InputType()
export class SetAgencyIdentityProviderInput {
  @Field(() => ID) @IsUUID('all', { message: 'agencyId must be an id' }) agencyId!: string;
  @Field({ description: 'https://… (plain http only for a provider on this machine).' })
  @IsString()
  @Length(8, 500)
  @Matches(/^(https:\/\/[^\s/?#]+(\/[^\s?#]*)?|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/[^\s?#]*)?)$/, {
    message: 'issuer must be an https URL (http only for localhost), with no query or fragment',
  })
  issuer!: string;
  @Field() @IsString() @Matches(TOKEN_VALUE, { message: 'clientId must be 1-200 printable characters without spaces' }) clientId!: string;
  @Field({ nullable: true, description: 'Required the first time; leave out to keep the secret already set.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  clientSecret?: string;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
    each: true,
    message: 'each allowed e-mail domain must be a domain name such as county.wy.gov',
  })
  allowedEmailDomains?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() createUsers?: boolean;
  @Field(() => IdentityRoleSource, { nullable: true }) @IsOptional() @IsEnum(IdentityRoleSource) roleSource?: IdentityRoleSource;
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_:./-]{1,100}$/, { message: 'roleClaim must be a claim name' })
  roleClaim?: string;
  @Field(() => [Role], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(8) @IsEnum(Role, { each: true }) defaultRoles?: Role[];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TOKEN_VALUE, { each: true, message: 'each acr value must be 1-200 printable characters' })
  mfaAcrValues?: string[];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TOKEN_VALUE, { each: true, message: 'each amr value must be 1-200 printable characters' })
  mfaAmrValues?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}
