import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/core';
import { AuthService } from './auth.service';
import { AuthGuard } from './auth.guard';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';
import { UsersService } from './users.service';
import { AuthResolver } from './graphql/auth.resolver';
import { UsersResolver } from './graphql/users.resolver';
import { OidcService } from './oidc/oidc.service';
import { OidcController } from './oidc/oidc.controller';
import { IdentityProvidersService } from './oidc/identity-providers.service';
import { IdentityProvidersResolver } from './oidc/identity-providers.resolver';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject made once: given the secret as a string, jsonwebtoken builds a new key on every
      // sign and verify (a tenth of the server's CPU under load, measured by `npm run bench`).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [OidcController],
  providers: [
    AuthService,
    OidcService,
    IdentityProvidersService,
    IdentityProvidersResolver,
    PasswordService,
    TokenService,
    UsersService,
    AuthResolver,
    UsersResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, PasswordService, UsersService],
})
export class AuthModule {}
