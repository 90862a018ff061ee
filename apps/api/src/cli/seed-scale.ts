import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig, prepareDatabase } from '@app/core';
import { seedScale } from '../seed/scale-seed';
import { runCommand } from './cli-support';

const USAGE =
  'usage: npm run seed:scale -- --cases N [--chunk N] [--audit-batch N] [--audit-per-case X] [--seed N] [--years N] [--profile]';

/** `--name value` or `--name=value`; every value a positive whole number unless said otherwise. */
export function parseArgs(argv: string[]): {
  cases: number;
  chunk?: number;
  auditBatch?: number;
  auditPerCase?: number;
  seed?: number;
  years?: number;
  profile: boolean;
} {
  const given = new Map<string, string>();
  let profile = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--profile') {
      profile = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument "${argv[i]}"; ${USAGE}`);
    // The value follows `=` (an optional group, so possibly undefined) or is the next argument, if there is one.
    const value = m.at(2) ?? argv.at(++i);
    if (value === undefined) throw new Error(`--${m[1]} needs a value; ${USAGE}`);
    given.set(m[1], value);
  }
  const whole = (name: string, min = 1): number | undefined => {
    const v = given.get(name);
    given.delete(name);
    if (v === undefined) return undefined;
    const s = v.replace(/[_,]/g, '');
    if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s)) || Number(s) < min) {
      throw new Error(`--${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''} (e.g. --${name} 100000), got "${v}"`);
    }
    return Number(s);
  };
  const cases = whole('cases');
  if (cases === undefined) throw new Error(`--cases is required; ${USAGE}`);
  if (cases > 50_000_000) throw new Error(`--cases ${cases} is more than this seed is meant for (50,000,000)`);
  const out = {
    cases,
    chunk: whole('chunk'),
    auditBatch: whole('audit-batch'),
    seed: whole('seed', 0),
    years: whole('years'),
    auditPerCase: undefined as number | undefined,
    profile,
  };
  const apc = given.get('audit-per-case');
  given.delete('audit-per-case');
  if (apc !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(apc)) throw new Error(`--audit-per-case must be a number of zero or more (e.g. 1), got "${apc}"`);
    out.auditPerCase = Number(apc);
  }
  if (given.size) throw new Error(`unknown option ${[...given.keys()].map((k) => `--${k}`).join(', ')}; ${USAGE}`);
  return out;
}

/**
 * `npm run seed:scale -- --cases N`: adds N cases and, in proportion, leads, subjects, charges,
 * shares, victims (identities sealed), services, referrals and audit events to the task force
 * (the demo is seeded first on an empty database), for benchmarks. Run again to add more.
 * Exit 0 on success, 2 with the reason on error (a bad argument included).
 */
runCommand('seed:scale', async () => {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const say = (m: string) => process.stdout.write(m + '\n');
  const db = await prepareDatabase(config, say);
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    const r = await seedScale(c, {
      cases: args.cases,
      chunkSize: args.chunk,
      auditBatch: args.auditBatch,
      auditPerCase: args.auditPerCase,
      seed: args.seed,
      years: args.years,
      profile: args.profile,
      masterKey: config.masterKey,
      ownerUrl: db.ownerUrl,
      referralResponseMinutes: config.referralResponseMinutes,
      say,
    });
    const n = (x: number) => x.toLocaleString('en-US');
    const rows =
      r.cases +
      r.leads +
      r.participants +
      r.subjects +
      r.charges +
      r.victims * 2 +
      r.victimCases +
      r.services +
      r.referrals +
      r.referralEvents +
      r.auditEvents;
    say(
      `Scale seed done in ${(r.ms / 1000).toFixed(1)} s: +${n(r.cases)} cases, +${n(r.leads)} leads, +${n(r.participants)} shares, ` +
        `+${n(r.subjects)} subjects, +${n(r.charges)} charges, +${n(r.victims)} victims (identities sealed), +${n(r.victimCases)} victim-case links, ` +
        `+${n(r.services)} services, +${n(r.referrals)} referrals (+${n(r.referralEvents)} events), +${n(r.auditEvents)} audit events; ` +
        `${n(rows)} rows, ${n(Math.round(rows / (r.ms / 1000)))} rows/s (seed ${r.seed}).`,
    );
  } finally {
    await c.end();
    await db.embedded?.stop();
  }
});
