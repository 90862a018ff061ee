import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, EmbeddedServer, Errors, headerText, SystemKeys, WorkerRole } from '@app/core';
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

/** The built web console (`npm run build:web` writes it to dist/web). */
export const WEB_ROOT = resolve(__dirname, '../../../web');
/**
 * Not the console's pages: the server's own paths and the console's built files. A miss under them
 * is a 404, not the console's page (a missing script answered with HTML would only confuse).
 */
const NOT_A_PAGE = /^\/(graphql|health|auth|assets)(\/|\?|$)/;
/** A request body's largest size (JSON): 100 KiB, as express's body parser had it (ADR 0028). */
export const BODY_LIMIT = 100 * 1024;

/**
 * TRUST_PROXY (typed and validated in the config) as Fastify takes it: no proxy, the proxies'
 * addresses, or N hops in front, each of which is believed (`(address, hop) => hop < N`, as express
 * had it; Fastify itself now refuses to believe a bare hop count).
 */
function trustedProxies(trust: AppConfig['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}

/**
 * Builds the HTTP application (used by main.ts, the tests and the benchmarks alike): Nest on Fastify
 * (ADR 0028), with Apollo through its Fastify integration and the console served from the same origin.
 */
export async function createApp(
  config: AppConfig,
  appDatabaseUrl: string,
  systemKeys: SystemKeys,
  jobsDatabaseUrl?: string,
  embedded?: EmbeddedServer,
  workerRole?: WorkerRole,
): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: BODY_LIMIT,
    // One id per request for the log line, the request context and the audit rows: the caller's
    // X-Request-Id when it is printable and bounded (headerText), else a new one.
    genReqId: (req: IncomingMessage) => headerText(req.headers['x-request-id'], 100) ?? randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, appDatabaseUrl, systemKeys, jobsDatabaseUrl, embedded, workerRole),
    adapter,
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
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
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    const raw = reply.raw as ServerResponse & { req: IncomingMessage };
    if (!req.url.startsWith('/graphql')) {
      consoleHeaders(req.raw, raw, (e) => done(e as Error | undefined));
      return;
    }
    // Answers carry case and victim data: never kept by a browser or a proxy.
    raw.setHeader('Cache-Control', 'no-store');
    apiHeaders(req.raw, raw, (e) => done(e as Error | undefined));
  });
  await serveConsole(app);
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

/**
 * The console, when it is built: its files as they are (with their validators), and every other GET
 * outside the server's own paths answered with its page, where the single-page app routes it.
 */
async function serveConsole(app: NestFastifyApplication): Promise<void> {
  if (!existsSync(resolve(WEB_ROOT, 'index.html'))) return;
  await app.register(fastifyStatic, { root: WEB_ROOT, wildcard: false, maxAge: 0 });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (req, reply) => {
      // The same answer as Nest's for a route it does not have.
      if (NOT_A_PAGE.test(req.url))
        return reply.code(404).send({ message: `Cannot ${req.method} ${req.url.split('?')[0]}`, error: 'Not Found', statusCode: 404 });
      return reply.sendFile('index.html');
    });
}
