import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Role, Permission } from '@app/access';

export enum LoginStatus {
  SIGNED_IN = 'SIGNED_IN',
  /** The password was right; send it again with the authenticator code. */
  MFA_CODE_REQUIRED = 'MFA_CODE_REQUIRED',
  /** Signed in, but MFA is mandatory and not set up: only MFA enrolment (and me/logout) is allowed. */
  MFA_ENROLMENT_REQUIRED = 'MFA_ENROLMENT_REQUIRED',
}
registerEnumType(LoginStatus, { name: 'LoginStatus' });
registerEnumType(Permission, { name: 'Permission' });

@ObjectType({ description: 'The signed-in principal: user, agency, roles.' })
export class Me {
  @Field(() => ID) userId!: string;
  @Field() username!: string;
  @Field() displayName!: string;
  @Field(() => [Role]) roles!: Role[];
  @Field(() => [Permission]) permissions!: Permission[];
  @Field(() => ID) agencyId!: string;
  @Field(() => ID) taskForceId!: string;
  @Field() mfaEnabled!: boolean;
}

@ObjectType()
export class AuthPayload {
  @Field(() => LoginStatus) status!: LoginStatus;
  @Field(() => String, { nullable: true }) accessToken!: string | null;
  @Field(() => String, { nullable: true }) refreshToken!: string | null;
  @Field(() => Int, { nullable: true, description: 'Seconds until the access token expires.' }) accessTokenExpiresIn!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Seconds without a request after which the session ends (the console locks itself then).',
  })
  idleTimeoutSeconds!: number | null;
  @Field(() => Me, { nullable: true }) me!: Me | null;
}

@InputType()
export class LoginInput {
  @Field() @IsString() @Length(1, 64) username!: string;
  @Field() @IsString() @Length(1, 256) password!: string;
  @Field({ nullable: true, description: 'The 6-digit code from the authenticator app, when MFA is on.' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totp must be a 6-digit code' })
  totp?: string;
}

@InputType()
export class RefreshInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) refreshToken?: string;
}

@ObjectType()
export class MfaEnrolment {
  @Field({ description: 'Base32 secret to type into an authenticator app.' }) secret!: string;
  @Field({ description: 'otpauth:// URI for a QR code.' }) otpauthUri!: string;
}

@InputType()
export class ConfirmMfaInput {
  @Field() @Matches(/^\d{6}$/, { message: 'code must be a 6-digit code' }) code!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field() @IsString() @Length(1, 256) currentPassword!: string;
  @Field() @IsString() @Length(1, 256) newPassword!: string;
}
