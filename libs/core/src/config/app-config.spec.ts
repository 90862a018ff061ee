import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig, trustProxy } from './app-config';

describe('TRUST_PROXY (unit)', () => {
  it('unset, empty, false and 0 trust no proxy', () => {
    for (const v of [undefined, '', '  ', 'false', 'FALSE', '0']) expect(trustProxy(v)).toBe(false);
  });

  it('a number is how many proxies (hops) stand in front of the server', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy(' 2 ')).toBe(2);
  });

  it('a list names the proxies by address, subnet or Express name', () => {
    expect(trustProxy('10.0.0.5')).toEqual(['10.0.0.5']);
    expect(trustProxy('10.0.0.5, 10.1.0.0/16,fd00::/8 , ::1, loopback')).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
  });

  it.each([
    ['true', /TRUST_PROXY=true would believe any client's X-Forwarded-For/],
    ['yes', /TRUST_PROXY: "yes" is not an IP address/],
    ['10.0.0.256', /TRUST_PROXY: "10.0.0.256" is not an IP address/],
    ['10.0.0.0/33', /TRUST_PROXY: "10.0.0.0\/33"/],
    ['10.0.0.0/8/1', /TRUST_PROXY: "10.0.0.0\/8\/1"/],
    ['10.0.0.5,', /TRUST_PROXY: "" is not an IP address/],
    ['-1', /TRUST_PROXY: "-1"/],
    ['99999999999999999999', /TRUST_PROXY="99999999999999999999" is too large/],
  ])('refuses %p with a message naming TRUST_PROXY and what it takes', (v, message) => {
    expect(() => trustProxy(v)).toThrow(message);
    expect(() => trustProxy(v)).toThrow(/number of proxies in front of the server/);
  });
});

describe('configuration (unit)', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'tf-config-'));
  const parse = (env: Record<string, string>) => parseConfig({ DATA_DIR: dataDir(), ...env });

  it('every variable it reads is documented in the README Configuration table, and every documented one is read', () => {
    const read = new Set<string>();
    const env = new Proxy<Record<string, string | undefined>>(
      { DATA_DIR: dataDir() },
      {
        get: (target, name) => {
          if (typeof name === 'string') read.add(name);
          return target[name as string];
        },
      },
    );
    parseConfig(env);
    const readme = readFileSync(resolve(__dirname, '../../../../README.md'), 'utf8');
    const section = /## Configuration\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const documented = new Set(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
    );
    expect(read.size).toBeGreaterThan(30);
    expect([...read].sort()).toEqual([...documented].sort());
  });

  it('has the documented defaults', () => {
    const c = parse({ NODE_ENV: 'development' });
    expect({
      port: c.port,
      host: c.host,
      embeddedPgPort: c.embeddedPgPort,
      ttl: [c.accessTokenTtlSeconds, c.refreshTokenTtlSeconds, c.idleTimeoutSeconds],
      mfaRequired: c.mfaRequired,
      seedDemo: c.seedDemo,
      introspection: c.graphql.introspection,
      logLevel: c.logLevel,
      jobs: c.jobs,
      threshold: c.dashboardSuppressionThreshold,
      minutes: c.referralResponseMinutes,
      trustProxy: c.trustProxy,
    }).toEqual({
      port: 3000,
      host: '127.0.0.1',
      embeddedPgPort: 54329,
      ttl: [900, 43200, 1800],
      mfaRequired: false,
      seedDemo: true,
      introspection: true,
      logLevel: 'warn',
      jobs: { enabled: true, timezone: 'America/Denver' },
      threshold: 5,
      minutes: { EMERGENCY: 60, URGENT: 1440, ROUTINE: 4320 },
      trustProxy: false,
    });
    const prod = parse({ NODE_ENV: 'production', MASTER_KEY: randomBytes(32).toString('base64'), JWT_SECRET: 'x'.repeat(40) });
    expect([prod.mfaRequired, prod.seedDemo, prod.graphql.introspection, prod.logLevel, prod.masterKeyFile]).toEqual([
      true,
      false,
      false,
      'info',
      null,
    ]);
  });

  it('WORKERS: the number of cores by default, 1 under NODE_ENV=test, 1 to 64 when given', () => {
    expect(parse({ NODE_ENV: 'development' }).workers).toBe(availableParallelism());
    expect(parse({ NODE_ENV: 'test' }).workers).toBe(1);
    expect(parse({ NODE_ENV: 'test', WORKERS: '2' }).workers).toBe(2);
    expect(() => parse({ WORKERS: '0' })).toThrow('Configuration: WORKERS takes 1 to 64 (HTTP worker processes), got "0"');
    expect(() => parse({ WORKERS: '65' })).toThrow(/WORKERS takes 1 to 64/);
    expect(() => parse({ WORKERS: 'two' })).toThrow('Configuration: WORKERS must be a non-negative integer, got "two"');
  });

  it('an empty value is the default; on/off settings take true/false, 1/0, yes/no, on/off', () => {
    expect(parse({ PORT: '', MFA_REQUIRED: '' }).port).toBe(3000);
    for (const [v, b] of [
      ['true', true],
      ['ON', true],
      ['1', true],
      ['yes', true],
      ['false', false],
      ['Off', false],
      ['0', false],
      ['no', false],
    ] as const)
      expect(parse({ MFA_REQUIRED: v }).mfaRequired).toBe(b);
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration: PORT must be a non-negative integer, got "abc"'],
    [{ GRAPHQL_MAX_DEPTH: '-1' }, 'Configuration: GRAPHQL_MAX_DEPTH must be a non-negative integer, got "-1"'],
    [{ EMBEDDED_PG_PORT: '5432x' }, 'Configuration: EMBEDDED_PG_PORT must be a non-negative integer, got "5432x"'],
    [{ MFA_REQUIRED: 'ture' }, 'Configuration: MFA_REQUIRED must be true or false (or 1/0, yes/no, on/off), got "ture"'],
    [
      { REFERRAL_RESPONSE_MINUTES: 'URGENT=0' },
      'Configuration: REFERRAL_RESPONSE_MINUTES takes EMERGENCY=…,URGENT=…,ROUTINE=… (minutes), got "URGENT=0"',
    ],
    [{ MASTER_KEY: 'c2hvcnQ=' }, 'Configuration: MASTER_KEY must be 32 bytes, base64-encoded'],
    [{ NODE_ENV: 'production' }, 'Configuration: MASTER_KEY is required in production'],
    [{ NODE_ENV: 'production', MASTER_KEY: randomBytes(32).toString('base64') }, 'Configuration: JWT_SECRET is required in production'],
  ])('refuses %p: %s', (env, message) => {
    expect(() => parse(env)).toThrow(message);
  });
});
