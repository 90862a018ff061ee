import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Everything the process reads from its environment, validated once at start-up.
 * Secrets either come from the environment or, for the embedded demo only, are generated
 * beside the data folder (mode 0600) so a fresh machine works with no set-up.
 */
export interface AppConfig {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** Owner / migrator connection. Undefined means: start the embedded PostgreSQL. */
  databaseUrl?: string;
  /** The port of the embedded PostgreSQL (when there is no databaseUrl). */
  embeddedPgPort: number;
  /** The app-role connection; derived from databaseUrl when not given. */
  appDatabaseUrl?: string;
  appDbPassword?: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  idleTimeoutSeconds: number;
  mfaRequired: boolean;
  mfaIssuer: string;
  maxFailedLogins: number;
  loginRateLimit: { perAccount: number; perAddress: number; windowSeconds: number };
  requestRateLimit: { limit: number; windowSeconds: number };
  seedDemo: boolean;
  masterKey: Buffer;
  /** The file the master key was read from (or generated into); null when MASTER_KEY gave it. */
  masterKeyFile: string | null;
  graphql: { introspection: boolean; maxDepth: number; maxCost: number; maxAliases: number };
  logLevel: string;
  dbPoolSize: number;
  /**
   * HTTP worker processes (node:cluster, ADR 0022): 1 serves in this process; more fork that many
   * workers on the shared port, behind a primary that owns the database, the jobs and the signals.
   */
  workers: number;
  /** Diagnostics (never in production): report each GraphQL response's SQL statement count in `extensions.sqlStatements`. */
  sqlStats: boolean;
  /** Scheduled jobs on pg-boss (JOBS=false turns them off; the tests do, except where they test a job). */
  jobs: { enabled: boolean; timezone: string };
  /** Minutes a referral's receiver has to answer, by urgency (REFERRAL_RESPONSE_MINUTES="EMERGENCY=60,URGENT=1440,ROUTINE=4320"). */
  referralResponseMinutes: Record<'EMERGENCY' | 'URGENT' | 'ROUTINE', number>;
  /** Task-force dashboard counts from 0 to this minus one are suppressed (at least 2). */
  dashboardSuppressionThreshold: number;
  /**
   * Which proxies in front of the server are believed about the client's address (X-Forwarded-For),
   * for the per-address rate limits and the audit trail: none (false), the nearest N hops, or the
   * proxies at these addresses / subnets (Fastify's `trustProxy`, never `true`).
   */
  trustProxy: TrustProxy;
  /**
   * Signed checkpoints of the audit chain, written outside the database (ADR 0016): the file
   * (AUDIT_CHECKPOINT_FILE, default DATA_DIR/audit-checkpoints.jsonl), after every N events
   * (AUDIT_CHECKPOINT_EVERY, default 100) or T seconds (AUDIT_CHECKPOINT_INTERVAL, default 30),
   * whichever comes first, and on start and stop. AUDIT_CHECKPOINTS=false turns them off.
   */
  auditCheckpoints: { enabled: boolean; file: string; everyEvents: number; intervalSeconds: number };
}

export type TrustProxy = false | number | readonly string[];

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const TRUST_PROXY_HELP =
  'give the number of proxies in front of the server (e.g. 1), or their addresses or subnets ' +
  '(e.g. "10.0.0.5, 10.1.0.0/16", or loopback, linklocal, uniquelocal); leave it unset (or false, 0) when clients connect directly';

/** TRUST_PROXY: unset/false/0 trusts no proxy; N trusts N hops; a comma-separated list trusts those addresses. */
export function trustProxy(v: string | undefined): TrustProxy {
  const text = (v ?? '').trim();
  if (text === '' || /^(false|0)$/i.test(text)) return false;
  if (/^true$/i.test(text)) {
    throw new Error(
      `Configuration: TRUST_PROXY=true would believe any client's X-Forwarded-For (anyone could choose the address the rate limits and the audit see); ${TRUST_PROXY_HELP}`,
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (!Number.isSafeInteger(hops))
      throw new Error(`Configuration: TRUST_PROXY="${text.slice(0, 30)}" is too large a number of proxies; ${TRUST_PROXY_HELP}`);
    return hops;
  }
  const entries = text.split(',').map((x) => x.trim());
  for (const entry of entries) {
    const parts = entry.split('/');
    const [address, prefix, extra] = [parts[0], parts.at(1), parts.at(2)];
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!(PROXY_NAMES.includes(entry) || (family && prefixOk && extra === undefined))) {
      throw new Error(
        `Configuration: TRUST_PROXY: "${entry.slice(0, 60)}" is not an IP address, a subnet or one of ${PROXY_NAMES.join(', ')}; ${TRUST_PROXY_HELP}`,
      );
    }
  }
  return entries;
}

function responseMinutes(v: string | undefined): AppConfig['referralResponseMinutes'] {
  const out = { EMERGENCY: 60, URGENT: 24 * 60, ROUTINE: 72 * 60 };
  for (const part of (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [k, n = ''] = [part.split('=')[0], part.split('=').at(1)];
    if (!(k in out) || !/^\d+$/.test(n) || Number(n) < 1) {
      throw new Error(`Configuration: REFERRAL_RESPONSE_MINUTES takes EMERGENCY=…,URGENT=…,ROUTINE=… (minutes), got "${part}"`);
    }
    out[k as keyof typeof out] = Number(n);
  }
  return out;
}

function workers(n: number): number {
  if (n < 1 || n > 64) throw new Error(`Configuration: WORKERS takes 1 to 64 (HTTP worker processes), got "${n}"`);
  return n;
}

type Env = Readonly<Record<string, string | undefined>>;

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/**
 * The readers every setting goes through, bound to one environment: unset or empty means the
 * default; anything else is checked, and a bad value stops the start with a message naming the
 * variable and what it takes.
 */
function readers(e: Env) {
  const given = (name: string): string | undefined => (e[name] === undefined || e[name] === '' ? undefined : e[name]);
  return {
    text: (name: string, dflt: string): string => given(name) ?? dflt,
    optional: (name: string): string | undefined => given(name),
    int: (name: string, dflt: number): number => {
      const v = given(name);
      if (v === undefined) return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`Configuration: ${name} must be a non-negative integer, got "${v}"`);
      return n;
    },
    bool: (name: string, dflt: boolean): boolean => {
      const v = given(name)?.trim().toLowerCase();
      if (v === undefined) return dflt;
      if (TRUE.includes(v)) return true;
      if (FALSE.includes(v)) return false;
      throw new Error(`Configuration: ${name} must be true or false (or 1/0, yes/no, on/off), got "${given(name)?.slice(0, 30)}"`);
    },
  };
}

/**
 * Whether a master key is at hand (MASTER_KEY, or an existing key file) without generating one:
 * `npm run audit:verify` on an auditor's machine needs only the checkpoints' public key.
 */
export function masterKeyAvailable(overrides: Record<string, string | undefined> = {}): boolean {
  const { text, optional } = readers({ ...process.env, ...overrides });
  if (optional('MASTER_KEY')) return true;
  return existsSync(text('MASTER_KEY_FILE', join(resolve(text('DATA_DIR', join(process.cwd(), '.data'))), 'master.key')));
}

/** Reads a secret from the environment, or (outside production) from/into a file under the data dir. */
function secret(name: string, envValue: string | undefined, file: string, env: AppConfig['env'], bytes: number): string {
  if (envValue) return envValue;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (env === 'production') throw new Error(`Configuration: ${name} is required in production`);
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  const value = randomBytes(bytes).toString('base64');
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

/**
 * The configuration from the process environment (and `overrides`). Every setting is read here and
 * nowhere else; the README's Configuration table documents each one (a unit test keeps the two in step).
 */
export function loadConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  return parseConfig({ ...process.env, ...overrides });
}

export function parseConfig(e: Env): AppConfig {
  const { text, optional, int, bool } = readers(e);
  const env: AppConfig['env'] = e.NODE_ENV === 'production' ? 'production' : e.NODE_ENV === 'test' ? 'test' : 'development';
  const prod = env === 'production';
  const dataDir = resolve(text('DATA_DIR', join(process.cwd(), '.data')));
  const masterKeyFromEnv = optional('MASTER_KEY');
  const masterKeyFile = masterKeyFromEnv ? null : text('MASTER_KEY_FILE', join(dataDir, 'master.key'));
  const masterKey = Buffer.from(secret('MASTER_KEY', masterKeyFromEnv, masterKeyFile ?? '', env, 32), 'base64');
  if (masterKey.length !== 32) throw new Error('Configuration: MASTER_KEY must be 32 bytes, base64-encoded');
  return {
    env,
    port: int('PORT', 3000),
    host: text('HOST', '127.0.0.1'),
    dataDir,
    databaseUrl: optional('DATABASE_URL'),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329),
    appDatabaseUrl: optional('APP_DATABASE_URL'),
    appDbPassword: optional('APP_DB_PASSWORD'),
    jwtSecret: secret('JWT_SECRET', optional('JWT_SECRET'), join(dataDir, 'jwt.secret'), env, 48),
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL', 15 * 60),
    refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL', 12 * 60 * 60),
    idleTimeoutSeconds: int('IDLE_TIMEOUT', 30 * 60),
    mfaRequired: bool('MFA_REQUIRED', prod),
    mfaIssuer: text('MFA_ISSUER', 'Task Force Case Tracker'),
    maxFailedLogins: int('MAX_FAILED_LOGINS', 5),
    loginRateLimit: {
      perAccount: int('LOGIN_RATE_PER_ACCOUNT', 10),
      perAddress: int('LOGIN_RATE_PER_ADDRESS', 60),
      windowSeconds: int('LOGIN_RATE_WINDOW', 60),
    },
    requestRateLimit: { limit: int('REQUEST_RATE_LIMIT', 1200), windowSeconds: int('REQUEST_RATE_WINDOW', 60) },
    seedDemo: bool('SEED_DEMO', !prod),
    masterKey,
    masterKeyFile,
    graphql: {
      introspection: bool('GRAPHQL_INTROSPECTION', !prod),
      maxDepth: int('GRAPHQL_MAX_DEPTH', 10),
      maxCost: int('GRAPHQL_MAX_COST', 20000),
      maxAliases: int('GRAPHQL_MAX_ALIASES', 15),
    },
    logLevel: text('LOG_LEVEL', prod ? 'info' : 'warn'),
    dbPoolSize: int('DB_POOL_SIZE', 10),
    workers: workers(int('WORKERS', env === 'test' ? 1 : availableParallelism())),
    // Read in production too, so a bad value is refused everywhere; honoured only outside it.
    sqlStats: bool('SQL_STATS', false) && !prod,
    jobs: { enabled: bool('JOBS', true), timezone: text('JOBS_TIMEZONE', 'America/Denver') },
    referralResponseMinutes: responseMinutes(e.REFERRAL_RESPONSE_MINUTES),
    dashboardSuppressionThreshold: Math.max(2, int('DASHBOARD_SUPPRESSION_THRESHOLD', 5)),
    trustProxy: trustProxy(e.TRUST_PROXY),
    auditCheckpoints: {
      enabled: bool('AUDIT_CHECKPOINTS', true),
      file: resolve(text('AUDIT_CHECKPOINT_FILE', join(dataDir, 'audit-checkpoints.jsonl'))),
      everyEvents: Math.max(1, int('AUDIT_CHECKPOINT_EVERY', 100)),
      intervalSeconds: Math.max(1, int('AUDIT_CHECKPOINT_INTERVAL', 30)),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
