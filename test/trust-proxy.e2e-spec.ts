import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codes, DEMO_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';

/**
 * TRUST_PROXY: the client address the per-address sign-in limit and the audit trail see is the
 * X-Forwarded-For address only when the request came through a proxy the server trusts (by hops or
 * by the proxy's address); otherwise it is the connection's own address, whatever the header says.
 * A value that would trust everyone (true), or that is not an address, stops the server at start-up.
 */
const LOGIN = graphql(`
  mutation TrustProxyLogin($i: LoginInput!) {
    login(input: $i) {
      status
      accessToken
    }
  }
`);
/** The test client connects over loopback, so without a trusted proxy this is every request's address. */
const DIRECT = '127.0.0.1';

const scenarios: [name: string, env: Record<string, string>, trusted: boolean][] = [
  ['no TRUST_PROXY: X-Forwarded-For is ignored', {}, false],
  ['TRUST_PROXY=1: the one proxy in front (the connection) is believed', { TRUST_PROXY: '1' }, true],
  ['TRUST_PROXY=127.0.0.1: the proxy at that address is believed', { TRUST_PROXY: '127.0.0.1' }, true],
  ['TRUST_PROXY=10.20.30.40: a request not from that proxy is not believed', { TRUST_PROXY: '10.20.30.40' }, false],
];

describe.each(scenarios)('%s', (_name, env, trusted) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_PER_ADDRESS: '3', LOGIN_RATE_PER_ACCOUNT: '100', ...env });
  });
  afterAll(async () => {
    await t?.close();
  });

  const loginFrom = (username: string, forwardedFor: string) =>
    t.gql(LOGIN, { i: { username, password: DEMO_PASSWORD } }, undefined, { 'x-forwarded-for': forwardedFor });
  const lastLoginAddress = async (username: string) =>
    (
      await t.ownerQuery(
        `SELECT client_address, outcome FROM audit_events WHERE action = 'auth.login' AND actor_username = $1 ORDER BY seq DESC LIMIT 1`,
        [username],
      )
    )[0];

  it(`the per-address sign-in limit and the audit's client address ${trusted ? 'use' : 'ignore'} the forwarded address`, async () => {
    // Three sign-ins (three accounts, so the per-account limit plays no part) from one forwarded address.
    for (const u of ['lcso.investigator', 'lcso.supervisor', 'lcso.advocate']) {
      const r = await loginFrom(u, '203.0.113.7');
      expect({ u, status: r.data?.login?.status }).toEqual({ u, status: 'SIGNED_IN' });
      expect(await lastLoginAddress(u)).toEqual({ client_address: trusted ? '203.0.113.7' : DIRECT, outcome: 'SUCCESS' });
    }
    const [{ n: sessions }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM sessions WHERE client_address = $1`, [
      trusted ? '203.0.113.7' : DIRECT,
    ]);
    expect(sessions).toBe(3);

    // The fourth from the same address is over the limit, either way.
    const fourth = await loginFrom('lcso.auditor', '203.0.113.7');
    expect(codes(fourth)).toEqual(['RATE_LIMITED']);
    expect(await lastLoginAddress('lcso.auditor')).toEqual({ client_address: trusted ? '203.0.113.7' : DIRECT, outcome: 'DENIED' });

    // Another forwarded address is another client only behind a trusted proxy: a client cannot
    // step out of its limit by writing the header itself.
    const other = await loginFrom('lcso.admin', '203.0.113.8');
    if (trusted) {
      expect(other.data!.login.status).toBe('SIGNED_IN');
      expect(await lastLoginAddress('lcso.admin')).toEqual({ client_address: '203.0.113.8', outcome: 'SUCCESS' });
      // What the client itself put in front of the proxy's entry is not believed.
      expect((await loginFrom('lcso.investigator2', '198.51.100.1, 203.0.113.9')).data!.login.status).toBe('SIGNED_IN');
      expect(await lastLoginAddress('lcso.investigator2')).toEqual({ client_address: '203.0.113.9', outcome: 'SUCCESS' });
    } else {
      expect(codes(other)).toEqual(['RATE_LIMITED']);
      expect(await lastLoginAddress('lcso.admin')).toEqual({ client_address: DIRECT, outcome: 'DENIED' });
    }
  });
});

describe('a TRUST_PROXY the server cannot honour stops it at start-up, naming the variable', () => {
  const MAIN = resolve(__dirname, '../dist/apps/api/src/main.js');
  const start = (value: string) =>
    new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(process.execPath, [MAIN], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'tf-test-proxy-')),
          MASTER_KEY: process.env.TF_TEST_MASTER_KEY,
          JWT_SECRET: process.env.TF_TEST_JWT_SECRET,
          DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
          LOG_LEVEL: 'error',
          TRUST_PROXY: value,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', (code) => done({ code, output }));
    });

  it.each([
    ['true', /TRUST_PROXY=true would believe any client's X-Forwarded-For/],
    ['proxy.internal', /TRUST_PROXY: "proxy.internal" is not an IP address, a subnet or one of loopback, linklocal, uniquelocal/],
  ])('TRUST_PROXY=%s', async (value, message) => {
    const { code, output } = await start(value);
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output).not.toMatch(/listening at/);
  });
});
