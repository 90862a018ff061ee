import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppConfig, EmbeddedServer, Errors, SystemKeys, WorkerRole } from '@app/core';
import { AppModule } from './app.module';

export const CONSOLE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** Builds the HTTP application (used by main.ts, the tests and the benchmarks alike). */
export async function createApp(
  config: AppConfig,
  appDatabaseUrl: string,
  systemKeys: SystemKeys,
  jobsDatabaseUrl?: string,
  embedded?: EmbeddedServer,
  workerRole?: WorkerRole,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, appDatabaseUrl, systemKeys, jobsDatabaseUrl, embedded, workerRole),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  // Typed and validated in the config (TRUST_PROXY): false, a number of hops, or the proxies' addresses.
  app.set('trust proxy', config.trustProxy === false || typeof config.trustProxy === 'number' ? config.trustProxy : [...config.trustProxy]);
  app.disable('x-powered-by');
  // No ETag on the API's answers (each is `no-store`, so a validator only costs a hash of every
  // body); the console's files are served by express.static, which keeps its own.
  app.set('etag', false);
  // The console: a strict policy, nothing from outside the server, no eval (MUI's styles are inline).
  const consoleHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP },
    crossOriginEmbedderPolicy: false,
  });
  // /graphql outside production serves the Apollo sandbox, which loads from Apollo's CDN.
  const apiHeaders = helmet({
    contentSecurityPolicy: config.env === 'production' ? { useDefaults: false, directives: CONSOLE_CSP } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/graphql')) {
      consoleHeaders(req, res, next);
      return;
    }
    // Answers carry case and victim data: never kept by a browser or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    apiHeaders(req, res, next);
  });
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
  // No enableShutdownHooks(): main.ts handles SIGINT/SIGTERM itself, so the embedded postmaster is
  // stopped only after app.close() has run every shutdown hook (the pool first).
  return app;
}
