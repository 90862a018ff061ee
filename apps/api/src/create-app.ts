import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, Errors, SystemKeys } from '@app/core';
import { AppModule } from './app.module';

/** Builds the HTTP application (used by main.ts, the tests and the benchmarks alike). */
export async function createApp(config: AppConfig, appDatabaseUrl: string, systemKeys: SystemKeys, jobsDatabaseUrl?: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, appDatabaseUrl, systemKeys, jobsDatabaseUrl), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Typed and validated in the config (TRUST_PROXY): false, a number of hops, or the proxies' addresses.
  app.set('trust proxy', config.trustProxy === false || typeof config.trustProxy === 'number' ? config.trustProxy : [...config.trustProxy]);
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: config.env === 'production' ? undefined : false, crossOriginEmbedderPolicy: false }));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const messages = errors.flatMap(function collect(e): string[] {
          return [...Object.values(e.constraints ?? {}), ...(e.children ?? []).flatMap(collect)];
        });
        return Errors.badInput(messages.join('; ') || 'The input is not valid.', { fields: errors.map((e) => e.property) });
      },
    }),
  );
  app.enableShutdownHooks();
  return app;
}
