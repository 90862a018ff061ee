import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, GqlBody, startTestApp, TestApp } from './support/test-app';
import { alive, clusterProcesses, EmbeddedApp, eventually, freePort, startEmbeddedApp } from './support/embedded-app';

/**
 * WORKERS=2 (ADR 0022): the built server forks two HTTP workers on one port behind a primary.
 * Every request here goes on a connection of its own, so the kernel's round robin hands them to
 * the workers in turn; the X-Worker header says which worker answered.
 */
jest.setTimeout(240_000);

interface Answer {
  status: number;
  worker: string | undefined;
  body: GqlBody;
}

/** One request on a fresh connection (no keep-alive): each goes to the next worker in turn. */
function fresh(url: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((ok, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${url}${path}`,
      {
        method: payload ? 'POST' : 'GET',
        agent: false,
        headers: { connection: 'close', ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          try {
            ok({ status: res.statusCode ?? 0, worker: res.headers['x-worker'] as string | undefined, body: JSON.parse(text) as GqlBody });
          } catch (e) {
            fail(new Error(`not JSON (${res.statusCode}): ${text.slice(0, 200)} (${(e as Error).message})`));
          }
        });
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer from ${path} in 15 s`)));
    req.on('error', fail);
    req.end(payload);
  });
}

const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { status accessToken } }`;
const login = (url: string, username: string, password: string) =>
  fresh(url, '/graphql', { query: LOGIN, variables: { i: { username, password } } });
const code = (a: Answer) => a.body.errors?.[0]?.extensions?.code;

/** The parent pid of a live process (from /proc). */
function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

describe('WORKERS=2 on DATABASE_URL: both workers serve, and the limits hold across them', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      {
        WORKERS: '2',
        MAX_FAILED_LOGINS: '3',
        LOGIN_RATE_PER_ACCOUNT: '4',
        REQUEST_RATE_LIMIT: '40',
      },
      // Two Nest apps boot at once: on a loaded 2-core machine that takes longer than one.
      { startTimeoutMs: 120_000 },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('two workers, children of the one server process, answer in turn on one port', async () => {
    const answers = await Promise.all([0, 1, 2, 3].map(() => fresh(t.url, '/health')));
    const workers = new Set(answers.map((a) => a.worker));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(workers.size).toBe(2);
    const pids = [...workers].map(Number);
    expect(new Set(pids.map(parentOf)).size).toBe(1);
    expect(pids).not.toContain(parentOf(pids[0]));
    // The audit checkpoints are signed by one of them, and both report them (not "off").
    for (const a of answers)
      expect((a.body as { info?: { auditTrail?: { checkpoints?: string } } }).info?.auditTrail?.checkpoints).toMatch(/^file:/);
  });

  it('the sign-in rate limit per account counts the attempts every worker saw', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) answers.push(await login(t.url, 'lcso.auditor', 'not-the-password'));
    // Each worker saw at most three of the five: alone, neither would have reached the limit of 4.
    expect(new Set(answers.map((a) => a.worker)).size).toBe(2);
    expect(answers.map(code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    // Still limited, whichever worker answers.
    const again = [await login(t.url, 'lcso.auditor', DEMO_PASSWORD), await login(t.url, 'lcso.auditor', DEMO_PASSWORD)];
    expect(new Set(again.map((a) => a.worker)).size).toBe(2);
    expect(again.map(code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('the lockout counts failures from every worker: the right password is refused after three wrong ones', async () => {
    const wrong: Answer[] = [];
    for (let i = 0; i < 3; i++) wrong.push(await login(t.url, 'cpd.supervisor', 'not-the-password'));
    expect(new Set(wrong.map((a) => a.worker)).size).toBe(2);
    expect(wrong.map(code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    const right = await login(t.url, 'cpd.supervisor', DEMO_PASSWORD);
    expect(code(right)).toBe('UNAUTHENTICATED');
    expect(right.body.data?.login).toBeFalsy();
    const [u] = await t.ownerQuery<{ failed_login_count: number; locked: boolean }>(
      `SELECT failed_login_count, locked_at IS NOT NULL AS locked FROM users WHERE username = 'cpd.supervisor'`,
    );
    expect(u).toEqual({ failed_login_count: 3, locked: true });
  });

  it('the request rate limit (40 per address) is one budget for both workers', async () => {
    const answers: Answer[] = [];
    // An operation with a resolver (the throttle counts operations; `{ __typename }` runs none).
    for (let i = 0; i < 60; i++) answers.push(await fresh(t.url, '/graphql', { query: '{ me { username } }' }));
    const served = answers.filter((a) => code(a) === 'UNAUTHENTICATED');
    const limited = answers.filter((a) => code(a) === 'RATE_LIMITED');
    // Counted per worker, each would have let 40 through (80 in all), minus what the tests above sent.
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThanOrEqual(40);
    expect(served.length + limited.length).toBe(60);
    expect(new Set(served.map((a) => a.worker)).size).toBe(2);
    expect(new Set(limited.map((a) => a.worker)).size).toBe(2);
  });
});

describe('WORKERS=2 with the embedded PostgreSQL: a dead worker is replaced; a stop leaves nothing running', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tf-test-workers-'));
  let app: EmbeddedApp | undefined;

  beforeAll(async () => {
    // Audit checkpoints only at the start and the stop (the stop's is checked below).
    app = await startEmbeddedApp(
      dataDir,
      await freePort(),
      { WORKERS: '2', AUDIT_CHECKPOINT_INTERVAL: '3600', AUDIT_CHECKPOINT_EVERY: '1000000' },
      150_000,
    );
  });
  afterAll(async () => {
    await app?.signal('SIGKILL', 5000);
    for (const pid of clusterProcesses(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const workersNow = async () =>
    new Set((await Promise.all([0, 1, 2, 3].map(() => fresh(app!.url, '/health')))).map((a) => Number(a.worker)));

  it('a worker killed with SIGKILL is replaced, and the other serves meanwhile', async () => {
    const before = await workersNow();
    expect(before.size).toBe(2);
    for (const pid of before) expect(parentOf(pid)).toBe(app!.pid);
    const [victim, survivor] = [...before];
    process.kill(victim, 'SIGKILL');
    await eventually('the killed worker is gone', 10_000, () => !alive(victim));
    const replaced = new RegExp(`Worker ${victim} exited \\(SIGKILL\\); starting another`);
    await eventually('the primary notices', 10_000, () => replaced.test(app!.output()));
    // Served meanwhile: every request, each on a new connection, by the surviving worker.
    const meanwhile = await Promise.all([0, 1, 2].map(() => fresh(app!.url, '/health')));
    expect(meanwhile.map((a) => [a.status, Number(a.worker)])).toEqual([
      [200, survivor],
      [200, survivor],
      [200, survivor],
    ]);
    const after = await eventually('a new worker serves', 90_000, async () => {
      const w = await workersNow();
      return w.size === 2 && !w.has(victim) ? w : undefined;
    });
    expect(after.has(survivor)).toBe(true);
    for (const pid of after) expect(parentOf(pid)).toBe(app!.pid);
    // Sign-in works through both, the new worker included.
    const tokens = await Promise.all([0, 1].map(() => login(app!.url, 'lcso.investigator', DEMO_PASSWORD)));
    expect(new Set(tokens.map((a) => Number(a.worker)))).toEqual(after);
    for (const a of tokens) {
      const signedIn = a.body.data?.login as { status: string; accessToken: string | null } | undefined;
      expect(signedIn?.status).toBe('SIGNED_IN');
      expect(signedIn?.accessToken).toMatch(/\S{20,}/);
    }
  });

  it('one worker signs the audit checkpoints: the file has one key and strictly increasing checkpoints', async () => {
    await eventually('a checkpoint is written', 30_000, () =>
      readFileSync(join(dataDir, 'audit-checkpoints.jsonl'), 'utf8').includes('"seq"'),
    );
    const lines = readFileSync(join(dataDir, 'audit-checkpoints.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type?: string; seq?: string });
    expect(lines.filter((l) => l.type === 'key')).toHaveLength(1);
    const seqs = lines.filter((l) => l.seq !== undefined).map((l) => BigInt(l.seq!));
    expect(seqs.length).toBeGreaterThan(0);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i] > seqs[i - 1]).toBe(true);
  });

  it('Ctrl-C (SIGINT to the whole process group) stops the workers, their last audit checkpoint included, then PostgreSQL: nothing is left', async () => {
    const workers = await workersNow();
    expect(workers.size).toBe(2);
    expect(clusterProcesses(dataDir).length).toBeGreaterThan(0);
    const checkpointed = () =>
      readFileSync(join(dataDir, 'audit-checkpoints.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { seq?: string })
        .filter((l) => l.seq !== undefined)
        .map((l) => BigInt(l.seq!));
    const before = checkpointed();
    // Audit events after the last checkpoint (a sign-in); checkpoints come here only at the start
    // and at the stop (see beforeAll), so only the stop's can cover them.
    await login(app!.url, 'lcso.investigator', DEMO_PASSWORD);
    expect(await app!.signal('SIGINT', 30_000, true)).toBe(true);
    for (const pid of workers) expect(alive(pid)).toBe(false);
    expect(clusterProcesses(dataDir)).toEqual([]);
    expect(app!.output()).not.toMatch(/still running .* killing them|terminating connection|checkpoint \(shutdown\) failed/);
    const after = checkpointed();
    expect(after.length).toBe(before.length + 1);
    expect(after[after.length - 1] > before[before.length - 1]).toBe(true);
  });
});
