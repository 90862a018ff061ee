import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { BadRequestException, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, EmbeddedServer, Errors, headerText, requestPath, SystemKeys, WorkerRole } from '@app/core';
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
const NOT_A_PAGE = /^\/(graphql|health|auth|assets)(\/|$)/;
const GRAPHQL_PATH = '/graphql';
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

/** The headers a helmet policy sets, captured once: helmet sets the same ones on every response. */
function headersOf(policy: ReturnType<typeof helmet>): [string, string][] {
  const headers: [string, string][] = [];
  const res = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => undefined };
  policy({} as IncomingMessage, res as unknown as ServerResponse, (e?: unknown) => {
    if (e) throw e instanceof Error ? e : new Error('helmet refused its options');
  });
  return headers;
}

/**
 * The security headers of every response, set on the raw response before any middleware runs, and
 * also on the router's own refusals (a malformed URL). The console's strict policy everywhere but on
 * the API, whose route is the one the router matched (so `/%67raphql` is the API too); outside
 * production the API's has no content security policy, as the Apollo sandbox loads from Apollo's CDN.
 * Nothing is kept by a browser or a proxy unless its handler says so (the console's files do).
 * A request whose target and Host make no URL is refused here (Apollo's integration would throw on it).
 */
function securityHeaders(config: AppConfig): Parameters<FastifyAdapter['registerSecurityHook']>[0] {
  const consoleHeaders = headersOf(
    helmet({ contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP }, crossOriginEmbedderPolicy: false }),
  );
  const apiHeaders = headersOf(
    helmet({
      contentSecurityPolicy: config.env === 'production' ? { useDefaults: false, directives: CONSOLE_CSP } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  return (req, res) => {
    let route: string | undefined;
    try {
      route = req.routeOptions.url;
    } catch {
      route = undefined; // the router refused the request before it had a route
    }
    for (const [name, value] of route === GRAPHQL_PATH ? apiHeaders : consoleHeaders) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    if (!URL.canParse(req.url, `${req.protocol}://${req.hostname}/`))
      return new BadRequestException('The request target and its Host header do not make a URL.');
    return undefined;
  };
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
    // Node's own limits, as the server had them before Fastify (whose defaults are no request
    // timeout and 72 s of keep-alive): a request trickled in for ever is cut off.
    requestTimeout: 300_000,
    keepAliveTimeout: 5_000,
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
  adapter.registerSecurityHook(securityHeaders(config));
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
      const path = requestPath(req.url);
      if (NOT_A_PAGE.test(path))
        return reply.code(404).send({ message: `Cannot ${req.method} ${path}`, error: 'Not Found', statusCode: 404 });
      return reply.sendFile('index.html');
    });
}
