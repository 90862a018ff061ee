import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/core';
import { AuthService } from './auth.service';
import { AuthGuard } from './auth.guard';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';
import { UsersService } from './users.service';
import { AuthResolver } from './graphql/auth.resolver';
import { UsersResolver } from './graphql/users.resolver';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [AuthService, PasswordService, TokenService, UsersService, AuthResolver, UsersResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, PasswordService, UsersService],
})
export class AuthModule {}
