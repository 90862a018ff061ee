import { createHmac, randomInt } from 'node:crypto';
import { Client } from 'pg';
import { currentAgencyKey, ensureSystemKeys, SecretBox, unwrapKey } from '@app/core';
import { normalizePerson } from '@app/cases';
import { IDENTITY_FIELD_NAMES, IDENTITY_FIELDS, IdentityField, identityAad } from '@app/victims';
import { seedDemo } from './demo-seed';
import * as D from './scale-data';

export interface ScaleSeedOptions {
  /** Cases to add (leads, subjects, victims, services, referrals, charges and audit events in proportion). */
  cases: number;
  /** The master key that wraps the key ring (victim identities are sealed under the agencies' data keys). */
  masterKey: Buffer;
  /**
   * The owner's connection string: seeds the demo first when the database has no task force, and
   * opens a second connection that writes the audit chain while the next chunk is generated.
   * Without it the audit events are written between chunks on `c`.
   */
  ownerUrl?: string;
  say?: (line: string) => void;
  /** Cases per transaction (default: an eighth of the cases, from 2,000 to 25,000). */
  chunkSize?: number;
  /**
   * Audit events per transaction (default 200). Each event updates the one chain-head row, whose
   * versions pile up within a transaction: measured here, 100-200 per transaction write about
   * 12,000 events/s, 1,000 about 7,000, 5,000 about 2,500.
   */
  auditBatch?: number;
  /** Audit events per case, about (default 1): a sample of the records' creation events. */
  auditPerCase?: number;
  /** Makes the draws repeatable (default: random). */
  seed?: number;
  /** The period the records spread over, ending now (default 3 years). */
  years?: number;
  /** Prints each statement of a chunk with its time and rows. */
  profile?: boolean;
  /** Minutes a referral's receiver has to answer, by urgency (the app's REFERRAL_RESPONSE_MINUTES). */
  referralResponseMinutes?: Record<'EMERGENCY' | 'URGENT' | 'ROUTINE', number>;
}

export interface ScaleSeedCounts {
  cases: number;
  leads: number;
  participants: number;
  subjects: number;
  charges: number;
  victims: number;
  victimCases: number;
  services: number;
  referrals: number;
  referralEvents: number;
  auditEvents: number;
}

export interface ScaleSeedResult extends ScaleSeedCounts {
  taskForceId: string;
  seed: number;
  ms: number;
}

/** The SQL literal of a string. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A weighted choice as SQL: `u` is a uniform draw in [0, 1). */
function choose(u: string, choices: [string | number, number][], quote = true): string {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const whens = choices.slice(0, -1).map(([v, w]) => {
    acc += w;
    return `WHEN ${u} < ${acc / total} THEN ${quote ? lit(String(v)) : v}`;
  });
  const last = choices[choices.length - 1][0];
  return `CASE ${whens.join(' ')} ELSE ${quote ? lit(String(last)) : last} END`;
}

/**
 * A moment after `from`, at most `maxDays` later and never in the future: a share `u` of the time
 * available (scaled, not clamped, so recent records do not pile up at "now").
 */
const after = (from: string, maxDays: number, u: string) =>
  `(${from} + least(make_interval(days => ${maxDays}), r.now - interval '10 minutes' - ${from}) * ${u})`;
/** The same for days: `from` plus a share of the days up to today, at most `maxDays`. */
const afterDay = (from: string, maxDays: number, u: string) => `(${from} + floor(least(${maxDays}, r.today - ${from}) * ${u})::int)`;

/** `5 minutes` to `maxMinutes`, log-uniform (answers come in minutes, hours or days). */
const delay = (u: string, maxMinutes: number) => `make_interval(secs => 300 * exp(${u} * ${Math.log(maxMinutes / 5)}))`;

const TEMP_TABLES = [
  'sc_run',
  'sc_agency',
  'sc_pick',
  'sc_vocab',
  'sc_case',
  'sc_lead',
  'sc_subject',
  'sc_charge',
  'sc_victim',
  'sc_secret',
  'sc_service',
  'sc_ref',
  'sc_audit',
];

/**
 * Adds volume for benchmarks to the (first) task force, as the owner: `cases` cases across its
 * law-enforcement agencies and, in proportion, leads (a share promoted into the cases), subjects,
 * charges, shares between agencies, victims kept by victim-service agencies (identities sealed
 * under each agency's data key exactly as the API seals them, with the blind index), services,
 * referrals with their history, and about one audit event per case through the hash chain.
 *
 * Generation is set-based: each chunk of cases is drawn in SQL from a keyed hash of a run seed
 * (pg_temp functions, nothing added to the schema), staged in temporary tables and inserted with
 * one INSERT ... SELECT per table, in one transaction, so the dashboard's statement triggers see
 * a few large statements. Numbers are reserved from the counters before use, so a second run, or
 * the app writing at the same time, never collides. Node only seals the identities.
 */
export async function seedScale(c: Client, opts: ScaleSeedOptions): Promise<ScaleSeedResult> {
  const started = Date.now();
  const say = opts.say ?? (() => undefined);
  const n = opts.cases;
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`cases must be a positive whole number, got ${n}`);
  // Several chunks even for small runs, so the audit of one overlaps the next; at most 25,000 cases per transaction.
  const chunk = opts.chunkSize ?? Math.min(25_000, Math.max(2_000, Math.ceil(n / 8)));
  const auditBatch = opts.auditBatch ?? 200;
  const auditPerCase = opts.auditPerCase ?? 1;
  const seed = opts.seed ?? randomInt(1, 2 ** 31 - 1);
  const years = opts.years ?? 3;
  const minutes = opts.referralResponseMinutes ?? { EMERGENCY: 60, URGENT: 24 * 60, ROUTINE: 72 * 60 };
  if (!Number.isSafeInteger(chunk) || chunk < 1) throw new Error('chunkSize must be a positive whole number');
  if (!Number.isSafeInteger(auditBatch) || auditBatch < 1) throw new Error('auditBatch must be a positive whole number');
  if (!(auditPerCase >= 0)) throw new Error('auditPerCase must be zero or more');
  if (!Number.isSafeInteger(seed)) throw new Error('seed must be a whole number');

  let tf = (await c.query<{ id: string }>('SELECT id FROM task_forces ORDER BY created_at LIMIT 1')).rows.at(0);
  if (!tf) {
    if (!opts.ownerUrl) throw new Error('The database has no task force: seed the demo first (seedDemo), or pass ownerUrl.');
    say('No task force yet: seeding the demo task force first.');
    tf = { id: (await seedDemo(opts.ownerUrl, opts.masterKey)).taskForceId };
  }
  const indexKey = (await ensureSystemKeys((sql, params) => c.query(sql, params), opts.masterKey))['victim-blind-index'];

  // Session settings for a bulk load (restored at the end): a crash loses at most the last
  // transactions, never consistency; temporary tables stay in memory.
  await c.query(`SET temp_buffers = '256MB'`).catch(() => undefined);
  await c.query(`SET synchronous_commit = off; SET jit = off; SET work_mem = '64MB'; SET TimeZone = 'UTC'`);
  const counts: ScaleSeedCounts = {
    cases: 0,
    leads: 0,
    participants: 0,
    subjects: 0,
    charges: 0,
    victims: 0,
    victimCases: 0,
    services: 0,
    referrals: 0,
    referralEvents: 0,
    auditEvents: 0,
  };
  let audit: Client | null = null;
  try {
    if (opts.ownerUrl) {
      audit = new Client({ connectionString: opts.ownerUrl });
      await audit.connect();
      await audit.query(`SET synchronous_commit = off; SET jit = off`);
    }
    await createScratch(c, seed);
    const setup = await loadAgencies(c, tf.id);
    const boxes = await dataKeys(c, opts.masterKey, setup.custodians);
    await c.query(
      `INSERT INTO sc_run SELECT $1::uuid, now(), current_date, now() - make_interval(days => $2::int) - interval '1 hour',
         extract(epoch FROM make_interval(days => $2::int)), $3::bigint, $11::bigint, $4::float8,
         $5::uuid, $6::uuid, $7::uuid, $8::int, $9::int, $10::int`,
      [
        tf.id,
        Math.round(365.25 * years),
        n,
        auditPerCase,
        setup.childWelfare,
        setup.shelter,
        setup.stateVs,
        minutes.EMERGENCY,
        minutes.URGENT,
        minutes.ROUTINE,
        freeLeads(n),
      ],
    );
    const chunks = Math.ceil(n / chunk);
    say(
      `Scale seed: ${fmt(n)} cases in ${chunks} chunk${chunks > 1 ? 's' : ''} of up to ${fmt(chunk)} over ${years} years; ` +
        `${setup.leadAgencies} lead agencies, ${setup.custodians.length} custodial agencies; seed ${seed}.`,
    );
    // The audit chain is one row every event updates: its writer runs on a connection of its own,
    // a chunk behind, so the two cores work at once (the data of a chunk, the audit of the one before).
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < chunks; i++) {
      const t = Date.now();
      const k0 = i * chunk;
      const k1 = Math.min(n, k0 + chunk);
      const rows = await seedChunk(c, k0, k1, indexKey, boxes, counts, opts.profile ? say : undefined);
      const tData = Date.now() - t;
      await writing;
      if (audit) {
        const events = await c.query<AuditRow>(
          `SELECT action, record_type, record_id, actor, subject_agency, changes::text AS changes FROM sc_audit ORDER BY rn`,
        );
        writing = writeAuditRows(audit, tf.id, events.rows, auditBatch).then((w) => void (counts.auditEvents += w));
        writing.catch(() => undefined); // awaited at the next chunk or after the last
      } else {
        counts.auditEvents += await writeAudit(c, auditBatch);
      }
      const elapsed = (Date.now() - started) / 1000;
      say(
        `[${elapsed.toFixed(1).padStart(7)} s] ${fmt(k1).padStart(fmt(n).length)}/${fmt(n)} cases (${Math.round((100 * k1) / n)}%): chunk ${i + 1}/${chunks} ` +
          `${fmt(rows)} rows in ${(tData / 1000).toFixed(1)} s (${fmt(Math.round(rows / (tData / 1000)))} rows/s); ${fmt(counts.auditEvents)} audit events so far`,
      );
    }
    const ta = Date.now();
    await writing;
    if (audit)
      say(
        `[${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s] last audit events written in ${((Date.now() - ta) / 1000).toFixed(1)} s: ${fmt(counts.auditEvents)} in all`,
      );
    const t = Date.now();
    await c.query('SELECT app_dashboard_compact()');
    await c.query(
      `INSERT INTO audit_events (task_force_id, action, record_type, record_id, outcome, changes) VALUES ($1::uuid, 'seed.scale', 'task_force', $1::text, 'SUCCESS', $2)`,
      [tf.id, JSON.stringify({ ...counts, seed })],
    );
    for (const table of [
      'leads',
      'cases',
      'case_participants',
      'subjects',
      'charges',
      'victims',
      'victim_identities',
      'victim_cases',
      'services',
      'referrals',
      'referral_events',
      'audit_events',
      'agency_counters',
      'task_force_counters',
      'dashboard_totals',
    ]) {
      await c.query(`VACUUM (ANALYZE) ${table}`);
    }
    say(
      `[${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s] dashboard totals compacted, tables vacuumed and analysed in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  } finally {
    await audit?.end().catch(() => undefined);
    await dropScratch(c).catch(() => undefined);
    await c.query('RESET synchronous_commit; RESET jit; RESET work_mem; RESET TimeZone').catch(() => undefined);
  }
  return { ...counts, taskForceId: tf.id, seed, ms: Date.now() - started };
}

const fmt = (x: number) => x.toLocaleString('en-US');

/** Leads that stay leads (not promoted into a case): 0.9 per case, counted over the run so chunks add up. */
const freeLeads = (cases: number) => Math.floor((cases * 9) / 10);

interface AgencyKey {
  version: number;
  box: SecretBox;
}

/** Each custodial agency's current data key, made the way the API makes it on an agency's first victim. */
async function dataKeys(c: Client, master: Buffer, agencyIds: string[]): Promise<Map<string, AgencyKey>> {
  const out = new Map<string, AgencyKey>();
  for (const agencyId of agencyIds) {
    const k = await currentAgencyKey((sql, params) => c.query(sql, params), master, agencyId);
    out.set(agencyId, { version: k.version, box: new SecretBox(unwrapKey(master, k.owner, k.version, k.wrapped)) });
  }
  return out;
}

/** Session-local scratch: the draw functions and the staging tables (pg_temp; the schema is untouched). */
async function createScratch(c: Client, seed: number): Promise<void> {
  await dropScratch(c);
  await c.query(`
CREATE FUNCTION pg_temp.u(k bigint, salt integer) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (hashint8extended(k, salt::bigint * 1000003 + ${seed}) & 4503599627370495)::float8 / 4503599627370496.0 $$;
CREATE FUNCTION pg_temp.pick(arr anyarray, x double precision) RETURNS anyelement LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT arr[1 + floor(x * cardinality(arr))::int] $$;
CREATE FUNCTION pg_temp.num(n bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lpad(n::text, greatest(4, length(n::text)), '0') $$;
CREATE TEMP TABLE sc_run (tf uuid, now timestamptz, today date, t0 timestamptz, span float8, total bigint, free_total bigint, af float8,
  cw uuid, shelter uuid, statevs uuid, m_emergency int, m_urgent int, m_routine int);
CREATE TEMP TABLE sc_agency (id uuid PRIMARY KEY, short_code text, kind text, level text, idx int, inv uuid[], sup uuid[], adv uuid[], pros uuid[],
  workers uuid[], vs_workers uuid[], lead_w float8, partner_w float8, custody_w float8, places text, sex_p float8, labor_p float8, mixed_p float8);
CREATE TEMP TABLE sc_pick (name text PRIMARY KEY, lo float8[], vals text[]);
CREATE TEMP TABLE sc_vocab (name text PRIMARY KEY, vals text[]);
CREATE TEMP TABLE sc_case (k bigint, id uuid, agency_id uuid, opened_at timestamptz, yr int, opened_by uuid, assignee_ids uuid[], supervisor uuid,
  ttype text, venue text, status text, closure text, closed_reason text, closed_at timestamptz, closed_by uuid, city text, counties text[],
  means text[], control_detail text, title text, summary text, lead_id uuid, lead_received_at timestamptz, updated_at timestamptz, version int,
  partner_id uuid, partner_kind text, partner_level text, partner_user uuid, share_access text, share_at timestamptz, share_by uuid,
  share_via_ref boolean, share_revoked boolean, vs_agency uuid, vs_share_at timestamptz, nvict int, vict_agency uuid, nsubj int,
  charged boolean, number text);
CREATE TEMP TABLE sc_lead (id uuid, lkey bigint, agency_id uuid, received_at timestamptz, yr int, source text, ttype text, venue text, city text,
  county text, indicators text[], status text, priority text, assigned_to uuid, created_by uuid, closed_reason text, duplicate_of uuid,
  narrative text, updated_at timestamptz, version int, reference text);
CREATE TEMP TABLE sc_subject (id uuid, skey bigint, case_id uuid, case_k bigint, lead_agency uuid, agency_id uuid, created_by uuid, role text,
  status text, display_name text, description text, created_at timestamptz, nch int);
CREATE TEMP TABLE sc_charge (id uuid, ckey bigint, case_id uuid, subject_id uuid, lead_agency uuid, agency_id uuid, statute_code text, counts int,
  filed_on date, disposition text, disposition_on date, sentence text, created_by uuid, created_at timestamptz);
CREATE TEMP TABLE sc_victim (id uuid, vkey bigint, case_id uuid, agency_id uuid, created_by uuid, identified_on date, crime_date date,
  created_at timestamptz, yr int, age_band text, minor boolean, gender text, ttype text, risk text[], safety text[], birth_date date, nk bigint,
  city text, nserv int, mandatory boolean, m_answer_at timestamptz, m_answerer uuid, code text);
CREATE TEMP TABLE sc_secret (id uuid PRIMARY KEY, key_version int, identity_index bytea, legal_name text, aliases text, birth_date text,
  phone text, email text, address text, immigration_status text, languages text, health_notes text, fields text[]);
CREATE TEMP TABLE sc_service (id uuid, skey bigint, victim_id uuid, agency_id uuid, provider_id uuid, category text, detail text, status text,
  requested_on date, started_on date, ended_on date, outcome text, created_by uuid, created_at timestamptz, updated_at timestamptz,
  version int, updater uuid, mandatory boolean);
CREATE TEMP TABLE sc_ref (id uuid, rkey bigint, kind text, from_agency uuid, from_user uuid, to_agency uuid, case_id uuid, victim_id uuid,
  category text, reason text, urgency text, offered_access text, brief jsonb, status text, answered_by uuid, answered_at timestamptz,
  answer_reason text, outcome text, completed_at timestamptz, service_id uuid, created_at timestamptz);
CREATE TEMP TABLE sc_audit (rn bigint PRIMARY KEY, at timestamptz, action text, record_type text, record_id text, actor uuid,
  subject_agency uuid, changes jsonb);
`);
}

async function dropScratch(c: Client): Promise<void> {
  await c.query(`DROP TABLE IF EXISTS ${TEMP_TABLES.map((t) => `pg_temp.${t}`).join(', ')};
    DROP FUNCTION IF EXISTS pg_temp.u(bigint, integer); DROP FUNCTION IF EXISTS pg_temp.pick(anyarray, double precision);
    DROP FUNCTION IF EXISTS pg_temp.num(bigint);`);
}

interface Setup {
  leadAgencies: number;
  custodians: string[];
  childWelfare: string | null;
  shelter: string | null;
  stateVs: string | null;
}

/** The task force's agencies with their people by role, the weighted pools drawn from, and the vocabularies. */
async function loadAgencies(c: Client, taskForceId: string): Promise<Setup> {
  const { rows: agencies } = await c.query<{ id: string; short_code: string; kind: string; level: string }>(
    `SELECT id, short_code, kind, level FROM agencies WHERE task_force_id = $1 AND active ORDER BY created_at, short_code`,
    [taskForceId],
  );
  const profiles = agencies.map((a) => {
    const p = { ...D.DEFAULT_PROFILE, ...D.AGENCY_PROFILES[a.short_code] };
    const isLe = a.kind === 'LAW_ENFORCEMENT';
    return {
      id: a.id,
      lead: isLe ? p.lead : 0,
      partner: ['LAW_ENFORCEMENT', 'PROSECUTION'].includes(a.kind) ? p.partner : 0,
      custody: ['VICTIM_SERVICES', 'CHILD_WELFARE'].includes(a.kind) ? p.custody : 0,
      places: p.places in D.PLACES ? p.places : 'STATE',
      sex: p.mix[0],
      labor: p.mix[1],
      mixed: p.mix[2],
    };
  });
  const role = (r: string) =>
    `ARRAY(SELECT u.id FROM users u WHERE u.agency_id = a.id AND u.active AND '${r}' = ANY (u.roles) ORDER BY u.username)`;
  await c.query(
    `INSERT INTO sc_agency
     SELECT a.id, a.short_code, a.kind, a.level, row_number() OVER (ORDER BY a.created_at, a.short_code), ${role('INVESTIGATOR')}, ${role('SUPERVISOR')},
            ${role('VICTIM_ADVOCATE')}, ${role('PROSECUTOR')}, '{}', '{}', p.lead, p.partner, p.custody, p.places, p.sex, p.labor, p.mixed
     FROM agencies a JOIN jsonb_to_recordset($1::jsonb) AS p(id uuid, lead float8, partner float8, custody float8, places text, sex float8, labor float8, mixed float8)
       ON p.id = a.id`,
    [JSON.stringify(profiles)],
  );
  // Who acts for an agency on a shared case (prosecutors first at a prosecution office), and on a victim.
  await c.query(`UPDATE sc_agency SET workers = CASE WHEN kind = 'PROSECUTION' AND cardinality(pros) > 0 THEN pros
                   WHEN cardinality(inv) > 0 THEN inv WHEN cardinality(pros) > 0 THEN pros WHEN cardinality(adv) > 0 THEN adv ELSE sup END,
                 vs_workers = CASE WHEN cardinality(adv) > 0 THEN adv ELSE sup END`);
  // Law enforcement leads cases only with an investigator; a custodian keeps victims only with an advocate.
  await c.query(`UPDATE sc_agency SET lead_w = 0 WHERE cardinality(inv) = 0`);
  await c.query(`UPDATE sc_agency SET custody_w = 0 WHERE cardinality(adv) = 0`);
  await c.query(`UPDATE sc_agency SET partner_w = 0 WHERE cardinality(workers) = 0`);
  const pool = (name: string, where: string, weight: string, val: string) =>
    c.query(
      `INSERT INTO sc_pick SELECT $1, array_agg(lo ORDER BY idx), array_agg(val ORDER BY idx) FROM (
       SELECT idx, ${val} AS val, (sum(${weight}) OVER (ORDER BY idx) - ${weight}) / sum(${weight}) OVER () AS lo FROM sc_agency WHERE ${where}) x
     HAVING count(*) > 0`,
      [name],
    );
  await pool('le', 'lead_w > 0', 'lead_w', 'id::text');
  await pool('vs', 'custody_w > 0', 'custody_w', 'id::text');
  const {
    rows: [check],
  } = await c.query<{ le: number; vs: number; partners: number }>(
    `SELECT (SELECT count(*) FROM sc_agency WHERE lead_w > 0)::int AS le, (SELECT count(*) FROM sc_agency WHERE custody_w > 0)::int AS vs,
            (SELECT count(*) FROM sc_agency WHERE partner_w > 0)::int AS partners`,
  );
  if (!check.le) throw new Error('The task force has no active law-enforcement agency with an investigator to lead cases.');
  const places = Object.entries(D.PLACES).map(([name, list]) => {
    const total = list.reduce((s, [, , w]) => s + w, 0);
    let acc = 0;
    return {
      name: `place:${name}`,
      lo: list.map(([, , w]) => ((acc += w) - w) / total),
      vals: list.map(([city, county]) => `${city}|${county}`),
    };
  });
  const cats = Object.entries(D.SERVICE_MIX).map(([name, list]) => {
    const total = list.reduce((s, [, , w]) => s + w, 0);
    let acc = 0;
    return { name: `cat:${name}`, lo: list.map(([, , w]) => ((acc += w) - w) / total), vals: list.map(([cat, who]) => `${cat}|${who}`) };
  });
  await c.query(
    `INSERT INTO sc_pick SELECT p.name, ARRAY(SELECT jsonb_array_elements_text(p.lo)::float8), ARRAY(SELECT jsonb_array_elements_text(p.vals))
                 FROM jsonb_to_recordset($1::jsonb) AS p(name text, lo jsonb, vals jsonb)`,
    [JSON.stringify([...places, ...cats])],
  );
  const vocab: Record<string, string[]> = {
    means: D.MEANS_SETS.map((s) => s.join(',')),
    control: D.CONTROL_DETAILS,
    sources: D.LEAD_SOURCES,
    leadClose: D.LEAD_CLOSE_REASONS,
    subjectSurnames: D.SUBJECT_SURNAMES,
    nicknames: D.SUBJECT_NICKNAMES,
    unidentified: D.UNIDENTIFIED_SUBJECTS,
    subjectDescriptions: D.SUBJECT_DESCRIPTIONS,
    sentences: D.SENTENCES,
    safety: D.SAFETY_FLAG_SETS.map((s) => s.join(',')),
    serviceDetails: D.SERVICE_DETAILS,
    serviceOutcomes: D.SERVICE_OUTCOMES,
    declines: D.DECLINE_REASONS,
    completions: D.COMPLETION_OUTCOMES,
  };
  for (const [t, list] of Object.entries(D.VENUES)) vocab[`venues:${t}`] = list;
  for (const [v, list] of Object.entries(D.VENUE_PHRASES)) vocab[`phrase:${v}`] = list;
  for (const [t, list] of Object.entries(D.CASE_SUMMARIES)) vocab[`summary:${t}`] = list;
  for (const [t, list] of Object.entries(D.INDICATOR_SETS)) vocab[`indicators:${t}`] = list.map((s) => s.join(','));
  for (const [s, list] of Object.entries(D.LEAD_INTROS)) vocab[`intro:${s}`] = list;
  for (const [k, list] of Object.entries(D.CLOSE_REASONS)) vocab[`close:${k}`] = list;
  for (const [k, list] of Object.entries(D.STATUTES)) vocab[`statutes:${k}`] = list;
  for (const [k, list] of Object.entries(D.RISK_FACTOR_SETS)) vocab[`risk:${k}`] = list.map((s) => s.join(','));
  for (const [k, list] of Object.entries(D.REFERRAL_REASONS)) vocab[`reason:${k}`] = list;
  await c.query(`INSERT INTO sc_vocab SELECT key, ARRAY(SELECT jsonb_array_elements_text(value)) FROM jsonb_each($1::jsonb)`, [
    JSON.stringify(vocab),
  ]);
  await c.query('ANALYZE sc_agency, sc_pick, sc_vocab');
  const { rows: roles } = await c.query<{ cw: string | null; shelter: string | null; statevs: string | null }>(
    `SELECT (SELECT id FROM agencies WHERE task_force_id = $1 AND active AND kind = 'CHILD_WELFARE' ORDER BY created_at LIMIT 1) AS cw,
            (SELECT id FROM sc_agency WHERE kind = 'VICTIM_SERVICES' AND custody_w > 0 ORDER BY short_code = 'HPSH' DESC, level <> 'STATE' DESC, idx LIMIT 1) AS shelter,
            (SELECT id FROM sc_agency WHERE kind = 'VICTIM_SERVICES' AND custody_w > 0 ORDER BY short_code = 'DVS' DESC, level = 'STATE' DESC, idx LIMIT 1) AS statevs`,
    [taskForceId],
  );
  const { rows: custodians } = await c.query<{ id: string }>(
    `SELECT id FROM sc_agency WHERE custody_w > 0 OR (lead_w > 0 AND cardinality(adv) > 0) ORDER BY idx`,
  );
  return {
    leadAgencies: check.le,
    custodians: custodians.map((r) => r.id),
    childWelfare: roles[0].cw,
    shelter: roles[0].shelter,
    stateVs: roles[0].statevs,
  };
}

/** One chunk of cases [k0+1, k1] and everything in proportion, in one transaction; returns the rows written. */
async function seedChunk(
  c: Client,
  k0: number,
  k1: number,
  indexKey: Buffer,
  boxes: Map<string, AgencyKey>,
  counts: ScaleSeedCounts,
  profile?: (line: string) => void,
): Promise<number> {
  let rows = 0;
  const run = async (sql: string, params: unknown[] = [], counter?: keyof ScaleSeedCounts) => {
    const t0 = Date.now();
    const r = await c.query(sql, params).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)} (in: ${sql.trim().split('\n')[0].slice(0, 80)})`);
    });
    if (profile)
      profile(
        `  ${String(Date.now() - t0).padStart(6)} ms ${String(r.rowCount ?? '').padStart(8)} rows  ${sql.trim().split('\n')[0].slice(0, 80)}`,
      );
    if (counter) {
      counts[counter] += r.rowCount ?? 0;
      rows += r.rowCount ?? 0;
    }
    return r;
  };
  await c.query('BEGIN');
  try {
    await run(`TRUNCATE sc_case, sc_lead, sc_subject, sc_charge, sc_victim, sc_secret, sc_service, sc_ref, sc_audit`);
    await run(STAGE_CASES, [k0 + 1, k1]);
    await run(STAGE_LEADS, [freeLeads(k0) + 1, freeLeads(k1)]);
    await run(LINK_DUPLICATES);
    await run(NUMBER_LEADS);
    await run(INSERT_LEADS, [], 'leads');
    await run(NUMBER_CASES);
    await run(INSERT_CASES, [], 'cases');
    await run(INSERT_PARTICIPANTS, [], 'participants');
    await run(STAGE_SUBJECTS);
    await run(INSERT_SUBJECTS, [], 'subjects');
    await run(STAGE_CHARGES);
    await run(INSERT_CHARGES, [], 'charges');
    await run(STAGE_VICTIMS);
    await run(NUMBER_VICTIMS);
    const ts = Date.now();
    await sealIdentities(c, indexKey, boxes);
    profile?.(`  ${String(Date.now() - ts).padStart(6)} ms ${' '.repeat(8)}       identities sealed in Node and staged`);
    await run(INSERT_VICTIMS, [], 'victims');
    await run(INSERT_IDENTITIES);
    await run(INSERT_VICTIM_CASES, [], 'victimCases');
    await run(STAGE_SERVICES);
    await run(INSERT_SERVICES, [], 'services');
    await run(STAGE_REFERRALS);
    await run(INSERT_REFERRALS, [], 'referrals');
    await run(INSERT_REFERRAL_EVENTS, [], 'referralEvents');
    await run(STAGE_AUDIT);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return rows;
}

/**
 * The chunk's audit events, in moderate batches each in its own transaction: every event updates
 * the single chain-head row, and thousands of updates of one row in one transaction slow down.
 */
async function writeAudit(c: Client, batch: number): Promise<number> {
  const {
    rows: [{ n }],
  } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM sc_audit`);
  const total = Number(n);
  let written = 0;
  for (let from = 0; from < total; from += batch) {
    const r = await c.query(INSERT_AUDIT, [from, from + batch]);
    written += r.rowCount ?? 0;
  }
  return written;
}

interface AuditRow {
  action: string;
  record_type: string;
  record_id: string;
  actor: string;
  subject_agency: string | null;
  changes: string;
}

/** The same, from rows read out of the staging table, on the audit connection. */
async function writeAuditRows(a: Client, taskForceId: string, rows: AuditRow[], batch: number): Promise<number> {
  let written = 0;
  for (let from = 0; from < rows.length; from += batch) {
    const part = rows.slice(from, from + batch);
    const r = await a.query(INSERT_AUDIT_ROWS, [
      taskForceId,
      part.map((e) => e.action),
      part.map((e) => e.record_type),
      part.map((e) => e.record_id),
      part.map((e) => e.actor),
      part.map((e) => e.subject_agency),
      part.map((e) => e.changes),
    ]);
    written += r.rowCount ?? 0;
  }
  return written;
}

// Identities ------------------------------------------------------------------------------------

/** A small deterministic generator (mulberry32) per victim, from the name key drawn in SQL. */
function prng(key: bigint): () => number {
  let a = Number(BigInt.asUintN(32, key) ^ BigInt.asUintN(32, key >> 32n)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const one = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

interface VictimFacts {
  id: string;
  agency_id: string;
  nk: string;
  gender: string;
  birth_date: string | null;
  ttype: string;
  minor: boolean;
  city: string;
}

/** A fake person: deterministic from the name key, plausible for the victim's profile; never sent in plaintext. */
function fakeIdentity(
  v: Pick<VictimFacts, 'nk' | 'gender' | 'birth_date' | 'ttype' | 'minor' | 'city'>,
): Partial<Record<IdentityField, string>> {
  const r = prng(BigInt(v.nk));
  const firsts =
    v.gender === 'FEMALE'
      ? D.FIRST_NAMES.FEMALE
      : v.gender === 'MALE'
        ? D.FIRST_NAMES.MALE
        : r() < 0.5
          ? D.FIRST_NAMES.OTHER
          : r() < 0.5
            ? D.FIRST_NAMES.FEMALE
            : D.FIRST_NAMES.MALE;
  const first = one(r, firsts);
  const last = one(r, D.LAST_NAMES);
  const second = r() < 0.2 ? ` ${one(r, D.LAST_NAMES)}` : '';
  const labor = v.ttype === 'LABOR' || v.ttype === 'SEX_AND_LABOR';
  const id: Partial<Record<IdentityField, string>> = { legalName: `${first} ${last}${second}` };
  if (r() < 0.2) id.aliases = one(r, D.ALIASES);
  if (v.birth_date) id.birthDate = v.birth_date;
  if (r() < 0.85) id.languages = one(r, labor ? D.LANGUAGES.slice(4) : D.LANGUAGES);
  if (r() < (labor ? 0.8 : 0.25)) id.immigrationStatus = one(r, labor ? D.IMMIGRATION.LABOR : D.IMMIGRATION.OTHER);
  if (r() < 0.6) id.phone = `+1 307 555 01${String(Math.floor(r() * 100)).padStart(2, '0')}`;
  if (!v.minor && r() < 0.25) id.email = `${ascii(first)}.${ascii(last)}${Math.floor(r() * 100)}@example.net`;
  if (r() < 0.45)
    id.address = r() < 0.4 ? 'Shelter placement (address withheld)' : `${100 + Math.floor(r() * 3900)} ${one(r, D.STREETS)}, ${v.city}, WY`;
  if (r() < 0.3) id.healthNotes = one(r, D.HEALTH_NOTES);
  return id;
}

/**
 * Seals the staged victims' identities as the API does (VictimsService.register): each value under
 * the custodial agency's current data key with its place as associated data, and the blind index
 * of the name and birth date; the sealed values go to the staging table in one statement.
 */
async function sealIdentities(c: Client, indexKey: Buffer, boxes: Map<string, AgencyKey>): Promise<void> {
  const { rows } = await c.query<VictimFacts>(
    `SELECT id, agency_id, nk::text AS nk, gender, birth_date::text AS birth_date, ttype, minor, city FROM sc_victim ORDER BY vkey`,
  );
  if (!rows.length) return;
  const cols = IDENTITY_FIELD_NAMES.map(() => [] as (string | null)[]);
  const ids: string[] = [];
  const versions: number[] = [];
  const indexes: (string | null)[] = [];
  const fields: string[] = [];
  for (const v of rows) {
    const key = boxes.get(v.agency_id);
    if (!key) throw new Error(`no data key for agency ${v.agency_id}`);
    const identity = fakeIdentity(v);
    ids.push(v.id);
    versions.push(key.version);
    const normalized = identity.birthDate && identity.legalName ? normalizePerson(identity.legalName, identity.birthDate) : null;
    indexes.push(normalized ? createHmac('sha256', indexKey).update(normalized).digest('hex') : null);
    const given: IdentityField[] = [];
    IDENTITY_FIELD_NAMES.forEach((f, i) => {
      const value = identity[f];
      if (value === undefined) {
        cols[i].push(null);
        return;
      }
      given.push(f);
      cols[i].push(key.box.seal(value, identityAad(v.id, IDENTITY_FIELDS[f].column, key.version)));
    });
    fields.push(given.join(','));
  }
  const columns = IDENTITY_FIELD_NAMES.map((f) => IDENTITY_FIELDS[f].column);
  await c.query(
    `INSERT INTO sc_secret (id, key_version, identity_index, ${columns.join(', ')}, fields)
     SELECT id, kv, decode(ix, 'hex'), ${columns.map((col) => `x_${col}`).join(', ')}, string_to_array(f, ',')
     FROM unnest($1::uuid[], $2::int[], $3::text[], ${columns.map((_, i) => `$${i + 4}::text[]`).join(', ')}, $${columns.length + 4}::text[])
       AS t(id, kv, ix, ${columns.map((col) => `x_${col}`).join(', ')}, f)`,
    [ids, versions, indexes, ...cols, fields],
  );
}

// The chunk's SQL -------------------------------------------------------------------------------
// pg_temp.u(key, salt) is a uniform draw keyed by a record's number in the run and a salt naming the
// decision (1xx cases, 2xx leads, 3xx subjects and charges, 4xx victims, 5xx services, 6xx
// referrals, 7xx audit), so each decision is independent and the same seed draws the same data.

const AGE_CASE = `extract(epoch FROM r.now - x.opened_at) / 86400.0`;

const STAGE_CASES = `
INSERT INTO sc_case (k, id, agency_id, opened_at, yr, opened_by, assignee_ids, supervisor, ttype, venue, status, closure, closed_reason, closed_at,
  closed_by, city, counties, means, control_detail, title, summary, lead_id, lead_received_at, updated_at, version, partner_id, partner_kind,
  partner_level, partner_user, share_access, share_at, share_by, share_via_ref, share_revoked, vs_agency, vs_share_at, nvict, vict_agency, nsubj, charged)
WITH x AS (
  SELECT g.k, r.t0 + make_interval(secs => r.span * ((g.k - 1) + pg_temp.u(g.k, 101)) / r.total) AS opened_at,
         (le.vals[width_bucket(pg_temp.u(g.k, 102), le.lo)])::uuid AS agency_id
  FROM generate_series($1::bigint, $2::bigint) g(k) CROSS JOIN sc_run r CROSS JOIN (SELECT lo, vals FROM sc_pick WHERE name = 'le') le
), y AS (
  SELECT x.*, a.inv, a.sup, a.adv, a.places, ${AGE_CASE} AS age,
    CASE WHEN pg_temp.u(k, 103) < a.sex_p THEN 'SEX' WHEN pg_temp.u(k, 103) < a.sex_p + a.labor_p THEN 'LABOR'
         WHEN pg_temp.u(k, 103) < a.sex_p + a.labor_p + a.mixed_p THEN 'SEX_AND_LABOR' ELSE 'UNDETERMINED' END AS ttype,
    pl.vals[width_bucket(pg_temp.u(k, 105), pl.lo)] AS place, st.vals[width_bucket(pg_temp.u(k, 106), st.lo)] AS place2,
    CASE WHEN cardinality(a.inv) >= 2 AND pg_temp.u(k, 107) < 0.35 THEN a.inv[1:2] ELSE ARRAY[pg_temp.pick(a.inv, pg_temp.u(k, 108))] END AS assignee_ids
  FROM x CROSS JOIN sc_run r JOIN sc_agency a ON a.id = x.agency_id JOIN sc_pick pl ON pl.name = 'place:' || a.places
  CROSS JOIN (SELECT lo, vals FROM sc_pick WHERE name = 'place:STATE') st
), z AS (
  SELECT y.*,
    CASE WHEN age < 30 THEN ${choose('pg_temp.u(k, 104)', [
      ['OPEN', 55],
      ['ACTIVE', 45],
    ])}
         WHEN age < 180 THEN ${choose('pg_temp.u(k, 104)', [
           ['OPEN', 10],
           ['ACTIVE', 60],
           ['REFERRED_FOR_PROSECUTION', 15],
           ['CHARGED', 5],
           ['CLOSED', 10],
         ])}
         ELSE ${choose('pg_temp.u(k, 104)', [
           ['OPEN', 3],
           ['ACTIVE', 30],
           ['REFERRED_FOR_PROSECUTION', 10],
           ['CHARGED', 9],
           ['ADJUDICATED', 6],
           ['CLOSED', 42],
         ])} END AS status,
    CASE WHEN (ttype = 'UNDETERMINED' AND pg_temp.u(k, 109) < 0.5) OR pg_temp.u(k, 109) < 0.06 THEN NULL ELSE pg_temp.pick(vv.vals, pg_temp.u(k, 110)) END AS venue,
    split_part(place, '|', 1) AS city, split_part(place, '|', 2) AS county,
    CASE WHEN pg_temp.u(k, 111) < 0.15 AND split_part(place2, '|', 2) <> split_part(place, '|', 2)
         THEN ARRAY[split_part(place, '|', 2), split_part(place2, '|', 2)] ELSE ARRAY[split_part(place, '|', 2)] END AS counties,
    coalesce(y.sup[1], y.assignee_ids[1]) AS supervisor,
    CASE WHEN pg_temp.u(k, 140) < (CASE WHEN cardinality(y.adv) > 0 THEN 0.30 ELSE 0.13 END)
         THEN ${choose(
           'pg_temp.u(k, 141)',
           [
             [1, 45],
             [2, 25],
             [3, 15],
             [4, 8],
             [5, 5],
             [6, 2],
           ],
           false,
         )} ELSE 0 END AS nv,
    CASE WHEN cardinality(y.adv) > 0 AND pg_temp.u(k, 142) < 0.72 THEN y.agency_id ELSE (vs.vals[width_bucket(pg_temp.u(k, 143), vs.lo)])::uuid END AS custodian
  FROM y JOIN sc_vocab vv ON vv.name = 'venues:' || y.ttype LEFT JOIN (SELECT lo, vals FROM sc_pick WHERE name = 'vs') vs ON true
), p AS (
  SELECT z.*, pt.id AS partner_id, pt.kind AS partner_kind, pt.level AS partner_level, pg_temp.pick(pt.workers, pg_temp.u(k, 132)) AS partner_user,
    CASE WHEN z.status = 'CLOSED' THEN CASE WHEN age < 180 THEN ${choose('pg_temp.u(k, 112)', [
      ['UNFOUNDED', 50],
      ['INSUFFICIENT_EVIDENCE', 50],
    ])}
      ELSE ${choose('pg_temp.u(k, 112)', [
        ['RESOLVED', 25],
        ['UNFOUNDED', 35],
        ['INSUFFICIENT_EVIDENCE', 40],
      ])} END END AS closure
  FROM z LEFT JOIN LATERAL (
    SELECT pa.id, pa.kind, pa.level, pa.workers FROM sc_agency pa
    WHERE pa.partner_w > 0 AND pa.id <> z.agency_id AND pg_temp.u(z.k, 130) < 0.09
    ORDER BY -ln(1 - pg_temp.u(z.k * 64 + pa.idx, 131)) / pa.partner_w LIMIT 1) pt ON true
)
SELECT p.k, gen_random_uuid(), p.agency_id, p.opened_at, extract(year FROM p.opened_at)::int, p.assignee_ids[1], p.assignee_ids, p.supervisor,
  p.ttype, p.venue, p.status, p.closure, CASE WHEN p.closure IS NOT NULL THEN pg_temp.pick(cr.vals, pg_temp.u(k, 113)) END,
  CASE WHEN p.closure IS NOT NULL THEN p.opened_at + (r.now - p.opened_at) * (0.3 + 0.65 * pg_temp.u(k, 114)) END,
  CASE WHEN p.closure IS NOT NULL THEN p.supervisor END,
  p.city, p.counties, string_to_array(pg_temp.pick(m.vals, pg_temp.u(k, 115)), ','),
  CASE WHEN pg_temp.u(k, 116) < 0.4 THEN pg_temp.pick(ctl.vals, pg_temp.u(k, 117)) END,
  p.city || ': ' || pg_temp.pick(ph.vals, pg_temp.u(k, 118)),
  CASE WHEN pg_temp.u(k, 119) < 0.85 THEN replace(pg_temp.pick(sm.vals, pg_temp.u(k, 120)), '{city}', p.city) END,
  CASE WHEN pg_temp.u(k, 121) < 0.6 THEN gen_random_uuid() END,
  p.opened_at - make_interval(secs => 86400 * (0.2 + 44 * pg_temp.u(k, 122) ^ 2)),
  CASE WHEN p.closure IS NOT NULL THEN p.opened_at + (r.now - p.opened_at) * (0.3 + 0.65 * pg_temp.u(k, 114))
       ELSE p.opened_at + (r.now - p.opened_at) * pg_temp.u(k, 123) END,
  CASE p.status WHEN 'OPEN' THEN 1 WHEN 'ACTIVE' THEN 2 WHEN 'REFERRED_FOR_PROSECUTION' THEN 3 WHEN 'CHARGED' THEN 4 WHEN 'ADJUDICATED' THEN 5
       ELSE CASE WHEN p.closure = 'RESOLVED' THEN 6 ELSE 3 END END + CASE WHEN p.partner_id IS NULL THEN 0 ELSE 1 END,
  p.partner_id, p.partner_kind, p.partner_level, p.partner_user,
  CASE WHEN p.partner_id IS NULL THEN NULL WHEN pg_temp.u(k, 133) < CASE WHEN p.partner_kind = 'PROSECUTION' THEN 0.85 ELSE 0.4 END THEN 'CONTRIBUTE' ELSE 'READ' END,
  CASE WHEN p.partner_id IS NOT NULL THEN ${after('p.opened_at', 60, '(0.01 + 0.99 * pg_temp.u(k, 134))')} END,
  p.supervisor,
  p.partner_id IS NOT NULL AND pg_temp.u(k, 135) < CASE WHEN p.partner_kind = 'PROSECUTION' OR p.partner_level = 'FEDERAL' THEN 0.4 ELSE 0.1 END
    AND pg_temp.u(k, 136) >= 0.03,
  p.partner_id IS NOT NULL AND pg_temp.u(k, 136) < 0.03,
  CASE WHEN p.nv > 0 AND p.custodian <> p.agency_id AND p.custodian IS DISTINCT FROM p.partner_id THEN p.custodian END,
  ${after('p.opened_at', 30, 'pg_temp.u(k, 144)')},
  CASE WHEN p.custodian IS NULL THEN 0 ELSE p.nv END, p.custodian,
  ${choose(
    'pg_temp.u(k, 150)',
    [
      [0, 15],
      [1, 55],
      [2, 20],
      [3, 10],
    ],
    false,
  )},
  p.status IN ('CHARGED', 'ADJUDICATED') OR p.closure = 'RESOLVED'
FROM p CROSS JOIN sc_run r
  JOIN sc_vocab ph ON ph.name = 'phrase:' || coalesce(p.venue, 'NONE')
  JOIN sc_vocab sm ON sm.name = 'summary:' || p.ttype
  LEFT JOIN sc_vocab cr ON cr.name = 'close:' || p.closure
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'means') m
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'control') ctl`;

/** Leads: one promoted into each case that came from a lead, and the others (0.9 per case) spread over the period. */
const STAGE_LEADS = `
INSERT INTO sc_lead (id, lkey, agency_id, received_at, yr, source, ttype, venue, city, county, indicators, status, priority, assigned_to, created_by,
  closed_reason, narrative, updated_at, version)
WITH promoted AS (
  SELECT c.lead_id AS id, c.k AS lkey, c.agency_id, c.lead_received_at AS received_at,
    CASE WHEN pg_temp.u(c.k, 251) < 0.15 THEN 'UNDETERMINED' ELSE c.ttype END AS ttype, c.venue, c.city, c.counties[1] AS county,
    'PROMOTED' AS status, c.opened_by AS assigned_to, c.opened_by AS created_by, c.opened_at AS updated_at, 2 AS version, 251 AS salt
  FROM sc_case c WHERE c.lead_id IS NOT NULL
), free0 AS (
  SELECT g.m, r.t0 + make_interval(secs => r.span * ((g.m - 1) + pg_temp.u(g.m, 201)) / r.free_total) AS received_at,
    (le.vals[width_bucket(pg_temp.u(g.m, 202), le.lo)])::uuid AS agency_id
  FROM generate_series($1::bigint, $2::bigint) g(m) CROSS JOIN sc_run r CROSS JOIN (SELECT lo, vals FROM sc_pick WHERE name = 'le') le
), free1 AS (
  SELECT f.*, a.inv, extract(epoch FROM r.now - f.received_at) / 86400.0 AS age,
    CASE WHEN pg_temp.u(m, 203) < a.sex_p THEN 'SEX' WHEN pg_temp.u(m, 203) < a.sex_p + a.labor_p THEN 'LABOR'
         WHEN pg_temp.u(m, 203) < a.sex_p + a.labor_p + a.mixed_p THEN 'SEX_AND_LABOR' ELSE 'UNDETERMINED' END AS ttype,
    pl.vals[width_bucket(pg_temp.u(m, 204), pl.lo)] AS place
  FROM free0 f CROSS JOIN sc_run r JOIN sc_agency a ON a.id = f.agency_id JOIN sc_pick pl ON pl.name = 'place:' || a.places
), free AS (
  SELECT gen_random_uuid() AS id, -f.m AS lkey, f.agency_id, f.received_at, f.ttype,
    CASE WHEN pg_temp.u(m, 205) < 0.12 THEN NULL ELSE pg_temp.pick(vv.vals, pg_temp.u(m, 206)) END AS venue,
    split_part(f.place, '|', 1) AS city, split_part(f.place, '|', 2) AS county, st.status,
    CASE WHEN st.status <> 'NEW' OR pg_temp.u(m, 208) < 0.3 THEN pg_temp.pick(f.inv, pg_temp.u(m, 209)) END AS assigned_to,
    pg_temp.pick(f.inv, pg_temp.u(m, 210)) AS created_by,
    CASE WHEN st.status = 'NEW' THEN f.received_at ELSE ${after('f.received_at', 20, 'pg_temp.u(m, 211)')} END AS updated_at,
    CASE WHEN st.status = 'NEW' THEN 1 ELSE 2 END AS version, 212 AS salt
  FROM free1 f CROSS JOIN sc_run r JOIN sc_vocab vv ON vv.name = 'venues:' || f.ttype
  CROSS JOIN LATERAL (SELECT CASE WHEN f.age < 14 THEN ${choose('pg_temp.u(f.m, 207)', [
    ['NEW', 60],
    ['TRIAGED', 40],
  ])}
    ELSE ${choose('pg_temp.u(f.m, 207)', [
      ['NEW', 4],
      ['TRIAGED', 16],
      ['UNFOUNDED', 60],
      ['DUPLICATE', 20],
    ])} END AS status) st
), l AS (
  SELECT id, lkey, agency_id, received_at, ttype, venue, city, county, status, assigned_to, created_by, updated_at, version, salt FROM promoted
  UNION ALL
  SELECT id, lkey, agency_id, received_at, ttype, venue, city, county, status, assigned_to, created_by, updated_at, version, salt FROM free
), l2 AS (
  SELECT l.*, pg_temp.pick(src.vals, pg_temp.u(l.lkey, l.salt + 1)) AS source,
    string_to_array(pg_temp.pick(ind.vals, pg_temp.u(l.lkey, l.salt + 2)), ',') AS indicators
  FROM l JOIN sc_vocab ind ON ind.name = 'indicators:' || l.ttype CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'sources') src
)
SELECT l2.id, l2.lkey, l2.agency_id, l2.received_at, extract(year FROM l2.received_at)::int, l2.source, l2.ttype, l2.venue, l2.city, l2.county, l2.indicators,
  l2.status,
  CASE WHEN 'MINOR_IN_COMMERCIAL_SEX' = ANY (l2.indicators) THEN CASE WHEN pg_temp.u(l2.lkey, l2.salt + 3) < 0.6 THEN 'URGENT' ELSE 'HIGH' END
       ELSE ${choose('pg_temp.u(l2.lkey, l2.salt + 3)', [
         ['LOW', 15],
         ['NORMAL', 60],
         ['HIGH', 20],
         ['URGENT', 5],
       ])} END,
  l2.assigned_to, l2.created_by,
  CASE WHEN l2.status = 'UNFOUNDED' THEN pg_temp.pick(lc.vals, pg_temp.u(l2.lkey, l2.salt + 4)) WHEN l2.status = 'DUPLICATE' THEN 'Duplicate of an earlier report.' END,
  pg_temp.pick(intro.vals, pg_temp.u(l2.lkey, l2.salt + 5)) || ' ' || pg_temp.pick(ph.vals, pg_temp.u(l2.lkey, l2.salt + 6)) || ' in ' || l2.city || '.'
    || CASE WHEN cardinality(l2.indicators) > 0 THEN ' Indicators noted: ' || lower(replace(array_to_string(l2.indicators, ', '), '_', ' ')) || '.' ELSE '' END,
  l2.updated_at, l2.version
FROM l2 JOIN sc_vocab intro ON intro.name = 'intro:' || l2.source JOIN sc_vocab ph ON ph.name = 'phrase:' || coalesce(l2.venue, 'NONE')
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'leadClose') lc`;

/** A duplicate names the agency's report before it; the first of a chunk has none and is unfounded instead. */
const LINK_DUPLICATES = `
UPDATE sc_lead l SET duplicate_of = d.prev FROM (
  SELECT id, lag(id) OVER (PARTITION BY agency_id ORDER BY received_at, id) AS prev FROM sc_lead) d
WHERE d.id = l.id AND l.status = 'DUPLICATE';
UPDATE sc_lead SET status = 'UNFOUNDED', closed_reason = 'Could not be corroborated.' WHERE status = 'DUPLICATE' AND duplicate_of IS NULL`;

/** Numbers reserved from the counters first (the app's own numbering continues after them), then given in time order. */
function reserve(
  counters: 'agency_counters' | 'task_force_counters',
  kind: string,
  stage: string,
  owner: string,
  at: string,
  set: string,
): string {
  const col = counters === 'agency_counters' ? 'agency_id' : 'task_force_id';
  return `
WITH s0 AS (SELECT s.id, ${owner} AS owner, s.yr, s.${at} AS at FROM ${stage} s CROSS JOIN sc_run r),
need AS (SELECT owner, yr, count(*)::int AS n FROM s0 GROUP BY 1, 2),
up AS (
  INSERT INTO ${counters} AS ac (${col}, kind, year, last_value) SELECT owner, '${kind}', yr, n FROM need
  ON CONFLICT (${col}, kind, year) DO UPDATE SET last_value = ac.last_value + excluded.last_value
  RETURNING ${col} AS owner, year, last_value
), numbered AS (
  SELECT s0.id, up.last_value - need.n + row_number() OVER (PARTITION BY s0.owner, s0.yr ORDER BY s0.at, s0.id) AS n
  FROM s0 JOIN need ON need.owner = s0.owner AND need.yr = s0.yr JOIN up ON up.owner = s0.owner AND up.year = s0.yr
)
UPDATE ${stage} s SET ${set} FROM numbered, sc_agency a WHERE numbered.id = s.id AND a.id = s.agency_id`;
}

const NUMBER_LEADS = reserve(
  'agency_counters',
  'LEAD',
  'sc_lead',
  's.agency_id',
  'received_at',
  `reference = a.short_code || '-L-' || s.yr || '-' || pg_temp.num(numbered.n)`,
);
const NUMBER_CASES = reserve(
  'agency_counters',
  'CASE',
  'sc_case',
  's.agency_id',
  'opened_at',
  `number = a.short_code || '-' || s.yr || '-' || pg_temp.num(numbered.n)`,
);
const NUMBER_VICTIMS = reserve(
  'task_force_counters',
  'VICTIM',
  'sc_victim',
  'r.tf',
  'created_at',
  `code = 'V-' || s.yr || '-' || pg_temp.num(numbered.n)`,
);

const INSERT_LEADS = `
INSERT INTO leads (id, agency_id, reference, source, received_at, narrative, state, county, city, suspected_type, venue, indicators, status, priority,
  assigned_to, duplicate_of, closed_reason, created_by, created_at, updated_at, version)
SELECT id, agency_id, reference, source, received_at, narrative, 'WY', county, city, ttype, venue, indicators, status, priority,
  assigned_to, duplicate_of, closed_reason, created_by, received_at, updated_at, version
FROM sc_lead ORDER BY received_at`;

const INSERT_CASES = `
INSERT INTO cases (id, agency_id, number, title, summary, trafficking_type, venue, means_of_control, control_detail, state, counties, assignee_ids,
  status, closure, closed_reason, closed_at, closed_by, lead_id, opened_at, opened_by, updated_at, version)
SELECT id, agency_id, number, title, summary, ttype, venue, means, control_detail, 'WY', counties, assignee_ids,
  status, closure, closed_reason, closed_at, closed_by, lead_id, opened_at, opened_by, updated_at, version
FROM sc_case ORDER BY opened_at`;

const INSERT_PARTICIPANTS = `
INSERT INTO case_participants (case_id, agency_id, access, granted_by, granted_at, revoked_by, revoked_at)
SELECT c.id, c.partner_id, c.share_access, c.share_by, c.share_at, CASE WHEN c.share_revoked THEN c.share_by END,
  CASE WHEN c.share_revoked THEN c.share_at + (r.now - c.share_at) * pg_temp.u(c.k, 137) END
FROM sc_case c CROSS JOIN sc_run r WHERE c.partner_id IS NOT NULL
UNION ALL
SELECT id, vs_agency, 'READ', share_by, vs_share_at, NULL, NULL FROM sc_case WHERE vs_agency IS NOT NULL`;

/** Subjects: a trafficker first, then facilitators, buyers, associates; charged on cases that reached charges. */
const STAGE_SUBJECTS = `
INSERT INTO sc_subject (id, skey, case_id, case_k, lead_agency, agency_id, created_by, role, status, display_name, description, created_at, nch)
WITH s AS (
  SELECT c.*, j, c.k * 8 + j AS sk,
    CASE WHEN j = 1 THEN ${choose('pg_temp.u(c.k * 8 + j, 301)', [
      ['TRAFFICKER', 85],
      ['FACILITATOR', 15],
    ])}
         WHEN c.ttype IN ('SEX', 'SEX_AND_LABOR') THEN ${choose('pg_temp.u(c.k * 8 + j, 301)', [
           ['BUYER', 35],
           ['FACILITATOR', 35],
           ['ASSOCIATE', 30],
         ])}
         ELSE ${choose('pg_temp.u(c.k * 8 + j, 301)', [
           ['FACILITATOR', 55],
           ['ASSOCIATE', 45],
         ])} END AS role,
    c.partner_id IS NOT NULL AND c.share_access = 'CONTRIBUTE' AND NOT c.share_revoked AND pg_temp.u(c.k * 8 + j, 302) < 0.15 AS by_partner
  FROM sc_case c CROSS JOIN LATERAL generate_series(1, c.nsubj) j
), t AS (
  SELECT s.*, CASE WHEN s.charged AND (s.role <> 'ASSOCIATE' OR pg_temp.u(sk, 303) < 0.2) THEN CASE WHEN pg_temp.u(sk, 304) < 0.3 THEN 2 ELSE 1 END ELSE 0 END AS nch
  FROM s
), u AS (
  SELECT t.*, CASE WHEN t.nch > 0 THEN 'CHARGED'
    WHEN t.status = 'OPEN' THEN ${choose('pg_temp.u(sk, 305)', [
      ['UNIDENTIFIED', 50],
      ['UNDER_INVESTIGATION', 50],
    ])}
    WHEN t.status = 'CLOSED' THEN ${choose('pg_temp.u(sk, 305)', [
      ['CLEARED', 40],
      ['UNDER_INVESTIGATION', 30],
      ['UNIDENTIFIED', 30],
    ])}
    ELSE ${choose('pg_temp.u(sk, 305)', [
      ['UNDER_INVESTIGATION', 60],
      ['ARRESTED', 15],
      ['UNIDENTIFIED', 25],
    ])} END AS sstatus
  FROM t
)
SELECT gen_random_uuid(), u.sk, u.id, u.k, u.agency_id, CASE WHEN u.by_partner THEN u.partner_id ELSE u.agency_id END,
  CASE WHEN u.by_partner THEN u.partner_user ELSE u.opened_by END, u.role, u.sstatus,
  CASE WHEN u.sstatus = 'UNIDENTIFIED' THEN pg_temp.pick(ui.vals, pg_temp.u(sk, 306))
       ELSE chr(65 + floor(pg_temp.u(sk, 307) * 26)::int) || '. ' || pg_temp.pick(sn.vals, pg_temp.u(sk, 308))
         || CASE WHEN pg_temp.u(sk, 309) < 0.25 THEN ' ("' || pg_temp.pick(nn.vals, pg_temp.u(sk, 310)) || '")' ELSE '' END END,
  CASE WHEN pg_temp.u(sk, 311) < 0.5 THEN pg_temp.pick(sd.vals, pg_temp.u(sk, 312)) END,
  ${after('u.opened_at', 20, 'pg_temp.u(sk, 313)')}, u.nch
FROM u CROSS JOIN sc_run r
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'unidentified') ui CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'subjectSurnames') sn
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'nicknames') nn CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'subjectDescriptions') sd`;

const INSERT_SUBJECTS = `
INSERT INTO subjects (id, case_id, agency_id, role, display_name, description, status, created_by, created_at, updated_at, version)
SELECT id, case_id, agency_id, role, display_name, description, status, created_by, created_at, created_at, CASE WHEN status = 'CHARGED' THEN 2 ELSE 1 END
FROM sc_subject ORDER BY created_at`;

/** Charges: by the prosecution office the case is shared with (to contribute), else by the lead agency; federal statutes for federal agencies. */
const STAGE_CHARGES = `
INSERT INTO sc_charge (id, ckey, case_id, subject_id, lead_agency, agency_id, statute_code, counts, filed_on, disposition, disposition_on, sentence, created_by, created_at)
WITH ch AS (
  SELECT s.id AS subject_id, s.case_id, s.lead_agency, s.skey * 4 + j AS ck, s.role, c.ttype, c.status, c.closure, c.opened_at,
    CASE WHEN c.partner_kind = 'PROSECUTION' AND c.share_access = 'CONTRIBUTE' AND NOT c.share_revoked THEN c.partner_id ELSE c.agency_id END AS agency_id,
    CASE WHEN c.partner_kind = 'PROSECUTION' AND c.share_access = 'CONTRIBUTE' AND NOT c.share_revoked THEN c.partner_user ELSE c.opened_by END AS created_by
  FROM sc_subject s JOIN sc_case c ON c.id = s.case_id CROSS JOIN LATERAL generate_series(1, s.nch) j
), ch2 AS (
  SELECT ch.*, CASE WHEN a.level = 'FEDERAL' THEN 'F' ELSE 'S' END || ':' || CASE WHEN ch.role = 'BUYER' THEN 'BUYER' ELSE ch.ttype END AS statutes,
    ${after('ch.opened_at', 200, '(0.1 + 0.9 * pg_temp.u(ck, 351))')}::date AS filed_on,
    CASE WHEN ch.status = 'ADJUDICATED' OR ch.closure = 'RESOLVED'
         THEN ${choose('pg_temp.u(ck, 352)', [
           ['PLEA', 55],
           ['CONVICTED', 28],
           ['DISMISSED', 12],
           ['ACQUITTED', 5],
         ])} ELSE 'PENDING' END AS disposition
  FROM ch CROSS JOIN sc_run r JOIN sc_agency a ON a.id = ch.agency_id
)
SELECT gen_random_uuid(), ck, case_id, subject_id, lead_agency, agency_id, pg_temp.pick(st.vals, pg_temp.u(ck, 353)),
  1 + floor(8 * pg_temp.u(ck, 354) ^ 3)::int, filed_on, disposition,
  CASE WHEN disposition <> 'PENDING' THEN ${afterDay('filed_on', 400, 'pg_temp.u(ck, 355)')} END,
  CASE WHEN disposition IN ('PLEA', 'CONVICTED') AND pg_temp.u(ck, 356) < 0.7 THEN pg_temp.pick(sn.vals, pg_temp.u(ck, 357)) END,
  created_by, least(r.now - interval '5 minutes', filed_on + interval '15 hours')
FROM ch2 CROSS JOIN sc_run r JOIN sc_vocab st ON st.name = 'statutes:' || ch2.statutes CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'sentences') sn`;

const INSERT_CHARGES = `
INSERT INTO charges (id, case_id, subject_id, agency_id, statute_code, counts, filed_on, disposition, disposition_on, sentence, created_by, created_at, updated_at, version)
SELECT id, case_id, subject_id, agency_id, statute_code, counts, filed_on, disposition, disposition_on, sentence, created_by, created_at,
  coalesce(disposition_on + interval '12 hours', created_at), CASE WHEN disposition = 'PENDING' THEN 1 ELSE 2 END
FROM sc_charge ORDER BY created_at`;

/** Victims of the cases that have some, kept by the case's custodial agency. */
const STAGE_VICTIMS = `
INSERT INTO sc_victim (id, vkey, case_id, agency_id, created_by, identified_on, crime_date, created_at, yr, age_band, minor, gender, ttype, risk, safety,
  birth_date, nk, city, nserv, mandatory, m_answer_at, m_answerer)
WITH v AS (
  SELECT c.id AS case_id, c.k * 8 + j AS vk, c.vict_agency AS agency_id, c.opened_at, c.city,
    CASE WHEN c.ttype = 'UNDETERMINED' THEN ${choose('pg_temp.u(c.k * 8 + j, 401)', [
      ['SEX', 40],
      ['LABOR', 20],
      ['UNDETERMINED', 40],
    ])} ELSE c.ttype END AS ttype,
    pg_temp.pick(a.adv, pg_temp.u(c.k * 8 + j, 402)) AS created_by,
    ${after('c.opened_at', 45, 'pg_temp.u(c.k * 8 + j, 403)')} AS created_at
  FROM sc_case c JOIN sc_agency a ON a.id = c.vict_agency CROSS JOIN LATERAL generate_series(1, c.nvict) j CROSS JOIN sc_run r
), w AS (
  -- Registered on the day identified (the API's default).
  SELECT v.*, v.created_at::date AS identified_on,
    pg_temp.u(vk, 404) < CASE v.ttype WHEN 'SEX' THEN 0.25 WHEN 'SEX_AND_LABOR' THEN 0.12 WHEN 'LABOR' THEN 0.04 ELSE 0.10 END AS child
  FROM v
), x AS (
  SELECT w.*,
    CASE WHEN child THEN ${choose('pg_temp.u(vk, 406)', [
      ['UNDER_12', 8],
      ['AGE_12_14', 32],
      ['AGE_15_17', 60],
    ])}
         ELSE ${choose('pg_temp.u(vk, 406)', [
           ['AGE_18_24', 40],
           ['AGE_25_34', 32],
           ['AGE_35_49', 20],
           ['AGE_50_PLUS', 5],
           ['UNKNOWN', 3],
         ])} END AS age_band
  FROM w
), y AS (
  SELECT x.*, child OR (age_band = 'AGE_18_24' AND pg_temp.u(vk, 407) < 0.15) AS minor,
    CASE age_band WHEN 'UNDER_12' THEN 6 + floor(6 * pg_temp.u(vk, 408)) WHEN 'AGE_12_14' THEN 12 + floor(3 * pg_temp.u(vk, 408))
      WHEN 'AGE_15_17' THEN 15 + floor(3 * pg_temp.u(vk, 408)) WHEN 'AGE_18_24' THEN 18 + floor(7 * pg_temp.u(vk, 408))
      WHEN 'AGE_25_34' THEN 25 + floor(10 * pg_temp.u(vk, 408)) WHEN 'AGE_35_49' THEN 35 + floor(15 * pg_temp.u(vk, 408))
      WHEN 'AGE_50_PLUS' THEN 50 + floor(15 * pg_temp.u(vk, 408)) END::int AS age
  FROM x
)
SELECT gen_random_uuid(), y.vk, y.case_id, y.agency_id, y.created_by, y.identified_on,
  CASE WHEN pg_temp.u(vk, 409) < 0.9 THEN y.identified_on - floor(400 * pg_temp.u(vk, 410) ^ 2)::int END,
  y.created_at, extract(year FROM y.created_at)::int, y.age_band, y.minor,
  CASE WHEN y.ttype = 'SEX' THEN ${choose('pg_temp.u(vk, 411)', [
    ['FEMALE', 80],
    ['MALE', 12],
    ['TRANSGENDER', 4],
    ['NON_BINARY', 2],
    ['UNDISCLOSED', 2],
  ])}
       WHEN y.ttype = 'LABOR' THEN ${choose('pg_temp.u(vk, 411)', [
         ['MALE', 65],
         ['FEMALE', 33],
         ['UNDISCLOSED', 2],
       ])}
       ELSE ${choose('pg_temp.u(vk, 411)', [
         ['FEMALE', 60],
         ['MALE', 36],
         ['NON_BINARY', 2],
         ['UNDISCLOSED', 2],
       ])} END,
  y.ttype, string_to_array(pg_temp.pick(rk.vals, pg_temp.u(vk, 412)), ','), string_to_array(pg_temp.pick(sf.vals, pg_temp.u(vk, 413)), ','),
  CASE WHEN y.age IS NOT NULL AND pg_temp.u(vk, 414) >= 0.08 THEN (y.identified_on - make_interval(years => y.age, days => floor(364 * pg_temp.u(vk, 415))::int))::date END,
  (pg_temp.u(vk, 419) * 9007199254740991)::bigint, y.city,
  ${choose(
    'pg_temp.u(vk, 416)',
    [
      [1, 30],
      [2, 45],
      [3, 20],
      [4, 5],
    ],
    false,
  )},
  mand.yes, CASE WHEN mand.yes AND mand.answerer IS NOT NULL AND y.created_at + mand.wait < r.now - interval '1 minute' THEN y.created_at + mand.wait END,
  mand.answerer
FROM y CROSS JOIN sc_run r
  JOIN sc_vocab rk ON rk.name = 'risk:' || CASE WHEN y.child THEN 'MINOR' WHEN y.ttype = 'LABOR' THEN 'LABOR' ELSE 'SEX' END
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'safety') sf
  LEFT JOIN sc_agency cw ON cw.id = r.cw
  CROSS JOIN LATERAL (SELECT y.minor AND y.ttype IN ('SEX', 'SEX_AND_LABOR') AND r.cw IS NOT NULL AND r.cw <> y.agency_id AS yes,
    pg_temp.pick(cw.vs_workers, pg_temp.u(vk, 417)) AS answerer, ${delay('pg_temp.u(vk, 418)', 20 * 60)} AS wait) mand`;

const INSERT_VICTIMS = `
INSERT INTO victims (id, task_force_id, agency_id, code, age_band, minor_at_exploitation, gender, trafficking_type, risk_factors, safety_flags,
  identity_index, created_by, created_at, updated_at, crime_date, identified_on, advocate_id)
SELECT v.id, r.tf, v.agency_id, v.code, v.age_band, v.minor, v.gender, v.ttype, v.risk, v.safety, s.identity_index, v.created_by, v.created_at,
  v.created_at, v.crime_date, v.identified_on, v.created_by
FROM sc_victim v JOIN sc_secret s ON s.id = v.id CROSS JOIN sc_run r ORDER BY v.created_at`;

const INSERT_IDENTITIES = `
INSERT INTO victim_identities (victim_id, agency_id, key_version, legal_name, aliases, birth_date, phone, email, address, immigration_status, languages,
  health_notes, updated_at)
SELECT v.id, v.agency_id, s.key_version, s.legal_name, s.aliases, s.birth_date, s.phone, s.email, s.address, s.immigration_status, s.languages,
  s.health_notes, v.created_at
FROM sc_victim v JOIN sc_secret s ON s.id = v.id ORDER BY v.created_at`;

const INSERT_VICTIM_CASES = `
INSERT INTO victim_cases (victim_id, case_id, agency_id, linked_by, linked_at) SELECT id, case_id, agency_id, created_by, created_at FROM sc_victim ORDER BY created_at`;

/** Services: about two per victim, from the provider the category calls for; a child's mandatory referral made the first. */
const STAGE_SERVICES = `
INSERT INTO sc_service (id, skey, victim_id, agency_id, provider_id, category, detail, status, requested_on, started_on, ended_on, outcome, created_by,
  created_at, updated_at, version, updater, mandatory)
WITH s AS (
  SELECT v.id AS victim_id, v.vkey * 8 + j AS sk, v.agency_id, v.created_by, v.created_at AS v_created_at,
    j = 1 AND v.m_answer_at IS NOT NULL AS mandatory, v.m_answer_at, v.m_answerer,
    cat.vals[width_bucket(pg_temp.u(v.vkey * 8 + j, 501), cat.lo)] AS pick
  FROM sc_victim v CROSS JOIN LATERAL generate_series(1, v.nserv) j
    JOIN sc_pick cat ON cat.name = 'cat:' || CASE WHEN v.age_band IN ('UNDER_12', 'AGE_12_14', 'AGE_15_17') THEN 'MINOR' WHEN v.ttype = 'LABOR' THEN 'LABOR' ELSE 'SEX' END
), t AS (
  SELECT s.*,
    CASE WHEN mandatory THEN 'CHILD_WELFARE_REFERRAL' ELSE split_part(pick, '|', 1) END AS category,
    CASE WHEN mandatory THEN r.cw ELSE CASE split_part(pick, '|', 2) WHEN 'SHELTER' THEN coalesce(r.shelter, s.agency_id)
      WHEN 'STATE_VS' THEN coalesce(r.statevs, s.agency_id) WHEN 'CHILD_WELFARE' THEN coalesce(r.cw, s.agency_id) ELSE s.agency_id END END AS provider_id,
    CASE WHEN mandatory THEN s.m_answer_at ELSE ${after('s.v_created_at', 60, 'pg_temp.u(sk, 502) ^ 2')} END AS requested_at,
    CASE WHEN mandatory THEN s.v_created_at::date ELSE (${after('s.v_created_at', 60, 'pg_temp.u(sk, 502) ^ 2')})::date END AS requested_on
  FROM s CROSS JOIN sc_run r
), u AS (
  SELECT t.*, CASE WHEN mandatory THEN ${choose('pg_temp.u(sk, 503)', [
    ['IN_PROGRESS', 60],
    ['PROVIDED', 40],
  ])}
    WHEN r.today - t.requested_on < 7 THEN ${choose('pg_temp.u(sk, 503)', [
      ['REQUESTED', 60],
      ['IN_PROGRESS', 40],
    ])}
    WHEN r.today - t.requested_on < 90 THEN ${choose('pg_temp.u(sk, 503)', [
      ['REQUESTED', 15],
      ['IN_PROGRESS', 55],
      ['PROVIDED', 20],
      ['DECLINED', 5],
      ['UNAVAILABLE', 5],
    ])}
    ELSE ${choose('pg_temp.u(sk, 503)', [
      ['REQUESTED', 4],
      ['IN_PROGRESS', 22],
      ['PROVIDED', 60],
      ['DECLINED', 7],
      ['UNAVAILABLE', 7],
    ])} END AS status,
    CASE WHEN mandatory THEN t.m_answer_at::date ELSE ${afterDay('t.requested_on', 14, 'pg_temp.u(sk, 504)')} END AS start_day
  FROM t CROSS JOIN sc_run r
), w AS (
  SELECT u.*, CASE WHEN status IN ('IN_PROGRESS', 'PROVIDED') THEN start_day END AS started_on,
    CASE WHEN status = 'PROVIDED' THEN ${afterDay('start_day', 120, 'pg_temp.u(sk, 505)')}
         WHEN status IN ('DECLINED', 'UNAVAILABLE') THEN ${afterDay('requested_on', 10, 'pg_temp.u(sk, 505)')} END AS ended_on
  FROM u CROSS JOIN sc_run r
)
SELECT gen_random_uuid(), w.sk, w.victim_id, w.agency_id, w.provider_id, w.category,
  CASE WHEN w.mandatory THEN left(rs.vals[1], 500) WHEN pg_temp.u(sk, 506) < 0.4 THEN pg_temp.pick(sd.vals, pg_temp.u(sk, 507)) END,
  w.status, w.requested_on, w.started_on, w.ended_on,
  CASE WHEN w.status = 'PROVIDED' AND pg_temp.u(sk, 508) < 0.4 THEN pg_temp.pick(so.vals, pg_temp.u(sk, 509)) END,
  CASE WHEN w.mandatory THEN w.m_answerer ELSE w.created_by END,
  w.requested_at,
  least(r.now - interval '1 minute', coalesce(w.ended_on, w.started_on, w.requested_on) + make_interval(secs => 28800 + 36000 * pg_temp.u(sk, 511))),
  1 + CASE WHEN w.status <> 'REQUESTED' THEN 1 ELSE 0 END + CASE WHEN w.ended_on IS NOT NULL AND w.started_on IS NOT NULL THEN 1 ELSE 0 END,
  CASE WHEN w.provider_id = w.agency_id THEN w.created_by ELSE pg_temp.pick(pa.vs_workers, pg_temp.u(sk, 512)) END, w.mandatory
FROM w CROSS JOIN sc_run r JOIN sc_agency pa ON pa.id = w.provider_id
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'reason:MANDATORY_CHILD_WELFARE') rs
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'serviceDetails') sd CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'serviceOutcomes') so`;

const INSERT_SERVICES = `
INSERT INTO services (id, victim_id, agency_id, provider_agency_id, category, detail, status, requested_on, started_on, ended_on, outcome, created_by,
  created_at, updated_at, version)
SELECT id, victim_id, agency_id, provider_id, category, detail, status, requested_on, started_on, ended_on, outcome, created_by,
  created_at, greatest(created_at, updated_at), version
FROM sc_service ORDER BY created_at`;

const CASE_BRIEF = `jsonb_build_object('label', c.ttype || ' trafficking case, ' || CASE WHEN cardinality(c.counties) > 0 THEN array_to_string(c.counties, ', ') ELSE 'county not recorded' END,
  'caseType', c.ttype, 'caseVenue', c.venue, 'caseCounties', to_jsonb(c.counties),
  'victimCode', NULL, 'ageBand', NULL, 'minorAtExploitation', NULL, 'gender', NULL, 'traffickingType', NULL)`;
const VICTIM_BRIEF = (
  category: string,
) => `jsonb_build_object('label', v.code || ': ' || coalesce(lower(replace(${category}, '_', ' ')), 'mandatory child-welfare report'),
  'caseType', NULL, 'caseVenue', NULL, 'caseCounties', NULL,
  'victimCode', v.code, 'ageBand', v.age_band, 'minorAtExploitation', v.minor, 'gender', v.gender, 'traffickingType', v.ttype)`;
const OTHER_PARTNER = (salt: number, when: string) => `LEFT JOIN LATERAL (
    SELECT pa.id, pa.workers FROM sc_agency pa WHERE ${when} AND pa.partner_w > 0 AND pa.id <> c.agency_id AND pa.id IS DISTINCT FROM c.partner_id
      AND pa.id IS DISTINCT FROM c.vs_agency
    ORDER BY -ln(1 - pg_temp.u(c.k * 64 + pa.idx, ${salt})) / pa.partner_w LIMIT 1) o ON true`;

/**
 * Referrals: cases handed to the partner that then joined them (accepted), a few declined, pending
 * on recent cases or expired; services asked of another agency (accepted, completed, declined,
 * pending); and each child's mandatory report to child welfare.
 */
const STAGE_REFERRALS = `
INSERT INTO sc_ref (id, rkey, kind, from_agency, from_user, to_agency, case_id, victim_id, category, reason, urgency, offered_access, brief, status,
  answered_by, answered_at, answer_reason, outcome, completed_at, service_id, created_at)
SELECT gen_random_uuid(), c.k, 'CASE', c.agency_id, c.share_by, c.partner_id, c.id, NULL::uuid, NULL::text, pg_temp.pick(rs.vals, pg_temp.u(c.k, 601)),
  ${choose('pg_temp.u(c.k, 602)', [
    ['ROUTINE', 70],
    ['URGENT', 25],
    ['EMERGENCY', 5],
  ])}, c.share_access, ${CASE_BRIEF}, 'ACCEPTED',
  c.partner_user, c.share_at, NULL::text, NULL::text, NULL::timestamptz, NULL::uuid, greatest(c.opened_at + interval '10 minutes', c.share_at - ${delay('pg_temp.u(c.k, 603)', 4 * 1440)})
FROM sc_case c CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'reason:CASE') rs WHERE c.share_via_ref
UNION ALL
SELECT gen_random_uuid(), c.k, 'CASE', c.agency_id, c.supervisor, o.id, c.id, NULL, NULL, pg_temp.pick(rs.vals, pg_temp.u(c.k, 611)),
  'ROUTINE', ${choose('pg_temp.u(c.k, 612)', [
    ['READ', 50],
    ['CONTRIBUTE', 50],
  ])}, ${CASE_BRIEF}, x.status,
  CASE WHEN x.status = 'DECLINED' THEN pg_temp.pick(o.workers, pg_temp.u(c.k, 613)) END,
  CASE WHEN x.status = 'DECLINED' THEN least(r.now - interval '1 minute', x.at + ${delay('pg_temp.u(c.k, 614)', 3 * 1440)}) END,
  CASE WHEN x.status = 'DECLINED' THEN pg_temp.pick(dr.vals, pg_temp.u(c.k, 615)) END, NULL, NULL, NULL, x.at
FROM sc_case c CROSS JOIN sc_run r ${OTHER_PARTNER(616, 'pg_temp.u(c.k, 617) < 0.08')}
  CROSS JOIN LATERAL (SELECT CASE WHEN c.opened_at > r.now - interval '3 days' AND pg_temp.u(c.k, 617) < 0.08 THEN 'PENDING'
      WHEN c.opened_at < r.now - interval '30 days' AND pg_temp.u(c.k, 617) < 0.006 THEN 'DECLINED'
      WHEN c.opened_at < r.now - interval '30 days' AND pg_temp.u(c.k, 617) < 0.008 THEN 'EXPIRED' END AS status,
    least(r.now - interval '10 minutes', c.opened_at + (r.now - c.opened_at) * CASE WHEN c.opened_at > r.now - interval '3 days' THEN pg_temp.u(c.k, 618)
      ELSE 0.1 * pg_temp.u(c.k, 618) END) AS at) x
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'reason:CASE') rs CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'declines') dr
WHERE x.status IS NOT NULL AND o.id IS NOT NULL
UNION ALL
SELECT gen_random_uuid(), s.skey, 'VICTIM_SERVICE', s.agency_id, s.created_by, s.provider_id, NULL, s.victim_id, s.category,
  pg_temp.pick(rs.vals, pg_temp.u(s.skey, 621)), CASE WHEN x.status = 'PENDING' THEN 'ROUTINE' ELSE ${choose('pg_temp.u(s.skey, 622)', [
    ['ROUTINE', 60],
    ['URGENT', 35],
    ['EMERGENCY', 5],
  ])} END,
  NULL, ${VICTIM_BRIEF('s.category')}, x.status,
  CASE WHEN x.status <> 'PENDING' THEN s.updater END,
  CASE WHEN x.status <> 'PENDING' THEN y.answered_at END,
  CASE WHEN x.status = 'DECLINED' THEN pg_temp.pick(dr.vals, pg_temp.u(s.skey, 624)) END,
  CASE WHEN x.status = 'COMPLETED' THEN pg_temp.pick(co.vals, pg_temp.u(s.skey, 625)) END,
  CASE WHEN x.status = 'COMPLETED' THEN least(r.now - interval '1 minute', greatest(y.answered_at + interval '1 hour', s.ended_on + interval '17 hours')) END,
  CASE WHEN x.status IN ('ACCEPTED', 'COMPLETED') THEN s.id END, x.at
FROM sc_service s JOIN sc_victim v ON v.id = s.victim_id CROSS JOIN sc_run r
  CROSS JOIN LATERAL (SELECT CASE WHEN s.status = 'REQUESTED' THEN CASE WHEN s.requested_on >= r.today - 2 THEN 'PENDING' END
      WHEN s.status IN ('DECLINED', 'UNAVAILABLE') THEN 'DECLINED'
      WHEN s.status = 'PROVIDED' AND pg_temp.u(s.skey, 626) < 0.5 THEN 'COMPLETED' ELSE 'ACCEPTED' END AS status,
    s.created_at AS at) x
  CROSS JOIN LATERAL (SELECT least(r.now - interval '1 minute', x.at + ${delay('pg_temp.u(s.skey, 623)', 2 * 1440)}) AS answered_at) y
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'reason:VICTIM_SERVICE') rs CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'declines') dr
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'completions') co
WHERE NOT s.mandatory AND s.provider_id <> s.agency_id AND pg_temp.u(s.skey, 620) < 0.05 AND x.status IS NOT NULL
UNION ALL
SELECT gen_random_uuid(), v.vkey, 'MANDATORY_CHILD_WELFARE', v.agency_id, v.created_by, r.cw, NULL, v.id, NULL, rs.vals[1], 'URGENT', NULL,
  ${VICTIM_BRIEF('NULL')}, CASE WHEN v.m_answer_at IS NULL THEN 'PENDING' ELSE 'ACCEPTED' END, CASE WHEN v.m_answer_at IS NOT NULL THEN v.m_answerer END,
  v.m_answer_at, NULL, NULL, NULL, s.id, v.created_at
FROM sc_victim v CROSS JOIN sc_run r LEFT JOIN sc_service s ON s.victim_id = v.id AND s.mandatory
  CROSS JOIN (SELECT vals FROM sc_vocab WHERE name = 'reason:MANDATORY_CHILD_WELFARE') rs
WHERE v.mandatory`;

const RESPOND_BY = `x.created_at + make_interval(mins => CASE x.urgency WHEN 'EMERGENCY' THEN r.m_emergency WHEN 'URGENT' THEN r.m_urgent ELSE r.m_routine END)`;

const INSERT_REFERRALS = `
INSERT INTO referrals (id, task_force_id, kind, from_agency_id, from_user_id, to_agency_id, case_id, victim_id, service_category, reason, urgency,
  respond_by, offered_access, brief, status, answered_by, answered_at, answer_reason, outcome, completed_at, service_id, created_at, updated_at, version)
SELECT x.id, r.tf, x.kind, x.from_agency, x.from_user, x.to_agency, x.case_id, x.victim_id, x.category, x.reason, x.urgency, ${RESPOND_BY},
  x.offered_access, x.brief,
  -- Unanswered past its deadline: the expiry job's EXPIRED.
  CASE WHEN x.status = 'PENDING' AND ${RESPOND_BY} < r.now THEN 'EXPIRED' ELSE x.status END,
  x.answered_by, x.answered_at, x.answer_reason, x.outcome, x.completed_at, x.service_id, x.created_at,
  coalesce(x.completed_at, x.answered_at, CASE WHEN x.status IN ('PENDING', 'EXPIRED') AND ${RESPOND_BY} < r.now THEN ${RESPOND_BY} END, x.created_at),
  1 + CASE WHEN x.answered_at IS NOT NULL OR ${RESPOND_BY} < r.now THEN 1 ELSE 0 END + CASE WHEN x.completed_at IS NOT NULL THEN 1 ELSE 0 END
FROM sc_ref x CROSS JOIN sc_run r ORDER BY x.created_at`;

const INSERT_REFERRAL_EVENTS = `
INSERT INTO referral_events (referral_id, action, actor_user_id, actor_agency_id, note, at)
SELECT e.* FROM sc_ref x JOIN referrals f ON f.id = x.id CROSS JOIN LATERAL (
  SELECT x.id, 'SENT', x.from_user, x.from_agency, NULL::text, x.created_at
  UNION ALL SELECT x.id, CASE WHEN f.status = 'DECLINED' THEN 'DECLINED' ELSE 'ACCEPTED' END, x.answered_by, x.to_agency, x.answer_reason, x.answered_at
    WHERE x.answered_at IS NOT NULL
  UNION ALL SELECT x.id, 'COMPLETED', x.answered_by, x.to_agency, x.outcome, x.completed_at WHERE x.completed_at IS NOT NULL
  UNION ALL SELECT x.id, 'EXPIRED', NULL, NULL, 'No answer by the response deadline', f.respond_by WHERE f.status = 'EXPIRED'
) e(referral_id, action, actor_user_id, actor_agency_id, note, at)
ORDER BY e.at`;

/** Field changes as the API's diffFields writes them for a new record: {"field": {"to": value}}. */
const to = (pairs: [string, string][]) =>
  `jsonb_build_object(${pairs.map(([k, v]) => `'${k}', jsonb_build_object('to', ${v})`).join(', ')})`;

/**
 * About one audit event per case (auditPerCase): a sample of the creation events the API writes
 * for these records, with the same actions, actors and change shapes; confidential values (names,
 * narratives, summaries, the identity) only ever as "[confidential]". The chain stamps them now.
 */
const STAGE_AUDIT = `
INSERT INTO sc_audit (rn, at, action, record_type, record_id, actor, subject_agency, changes)
SELECT row_number() OVER (ORDER BY e.at, e.record_id), e.* FROM (
  SELECT c.opened_at AS at, 'case.open' AS action, 'case' AS record_type, c.id::text AS record_id, c.opened_by AS actor, NULL::uuid AS subject_agency,
    ${to([
      ['number', 'c.number'],
      ['title', 'c.title'],
      ['traffickingType', 'c.ttype'],
      ['venue', 'c.venue'],
      ['counties', 'to_jsonb(c.counties)'],
      ['meansOfControl', 'to_jsonb(c.means)'],
      ['assigneeIds', 'to_jsonb(c.assignee_ids)'],
      ['leadId', 'c.lead_id'],
    ])}
      || CASE WHEN c.summary IS NOT NULL THEN '{"summary": "[confidential]"}'::jsonb ELSE '{}'::jsonb END AS changes
  FROM sc_case c CROSS JOIN sc_run r WHERE pg_temp.u(c.k, 701) < 0.40 * r.af
  UNION ALL
  SELECT l.received_at, 'lead.create', 'lead', l.id::text, l.created_by, NULL,
    ${to([
      ['reference', 'l.reference'],
      ['source', 'l.source'],
      ['suspectedType', 'l.ttype'],
      ['county', 'l.county'],
      ['indicators', 'to_jsonb(l.indicators)'],
    ])}
      || '{"narrative": "[confidential]", "identifiers": {"count": 0, "kinds": []}}'::jsonb
  FROM sc_lead l CROSS JOIN sc_run r WHERE pg_temp.u(l.lkey, 702) < 0.15 * r.af
  UNION ALL
  SELECT p.share_at, 'case.share', 'case', p.id::text, p.share_by, p.partner_id,
    jsonb_build_object('agencyId', p.partner_id, 'access', jsonb_build_object('to', p.share_access))
  FROM sc_case p CROSS JOIN sc_run r WHERE p.partner_id IS NOT NULL AND NOT p.share_via_ref AND pg_temp.u(p.k, 703) < 0.3 * r.af
  UNION ALL
  SELECT s.created_at, 'subject.add', 'subject', s.id::text, s.created_by, s.lead_agency,
    ${to([
      ['caseId', 's.case_id'],
      ['role', 's.role'],
      ['status', 's.status'],
    ])} || '{"displayName": "[confidential]", "identifiers": {"count": 0, "kinds": []}}'::jsonb
  FROM sc_subject s CROSS JOIN sc_run r WHERE pg_temp.u(s.skey, 704) < 0.05 * r.af
  UNION ALL
  SELECT h.created_at, 'charge.add', 'charge', h.id::text, h.created_by, h.lead_agency,
    ${to([
      ['caseId', 'h.case_id'],
      ['subjectId', 'h.subject_id'],
      ['statuteCode', 'h.statute_code'],
      ['counts', 'h.counts'],
      ['filedOn', 'h.filed_on'],
    ])}
  FROM sc_charge h CROSS JOIN sc_run r WHERE pg_temp.u(h.ckey, 705) < 0.15 * r.af
  UNION ALL
  SELECT v.created_at, 'victim.register', 'victim', v.id::text, v.created_by, NULL,
    ${to([
      ['code', 'v.code'],
      ['ageBand', 'v.age_band'],
      ['minorAtExploitation', 'v.minor'],
      ['gender', 'v.gender'],
      ['traffickingType', 'v.ttype'],
      ['riskFactors', 'to_jsonb(v.risk)'],
      ['safetyFlags', 'to_jsonb(v.safety)'],
      ['caseIds', 'jsonb_build_array(v.case_id)'],
      ['crimeDate', 'v.crime_date'],
      ['identifiedOn', 'v.identified_on'],
      ['advocateId', 'v.created_by'],
    ])}
      || jsonb_build_object('identity', jsonb_build_object('fields', to_jsonb(s.fields), 'values', '[confidential]'), 'possibleDuplicates', 0)
  FROM sc_victim v JOIN sc_secret s ON s.id = v.id CROSS JOIN sc_run r WHERE pg_temp.u(v.vkey, 706) < 0.5 * r.af
  UNION ALL
  SELECT s.created_at, 'service.add', 'service', s.id::text, s.created_by, s.provider_id,
    ${to([
      ['victimId', 's.victim_id'],
      ['category', 's.category'],
      ['providerAgencyId', 's.provider_id'],
      ['requestedOn', 's.requested_on'],
    ])}
  FROM sc_service s CROSS JOIN sc_run r WHERE NOT s.mandatory AND pg_temp.u(s.skey, 707) < 0.05 * r.af
  UNION ALL
  SELECT s.updated_at, 'service.update', 'service', s.id::text, s.updater, CASE WHEN s.provider_id = s.agency_id THEN NULL ELSE s.agency_id END,
    jsonb_build_object('status', jsonb_build_object('from', 'REQUESTED', 'to', s.status))
      || CASE WHEN s.started_on IS NOT NULL THEN jsonb_build_object('startedOn', jsonb_build_object('from', NULL, 'to', s.started_on)) ELSE '{}'::jsonb END
      || CASE WHEN s.ended_on IS NOT NULL THEN jsonb_build_object('endedOn', jsonb_build_object('from', NULL, 'to', s.ended_on)) ELSE '{}'::jsonb END
      || CASE WHEN s.outcome IS NOT NULL THEN '{"outcome": "[confidential]"}'::jsonb ELSE '{}'::jsonb END
  FROM sc_service s CROSS JOIN sc_run r WHERE NOT s.mandatory AND s.status <> 'REQUESTED' AND pg_temp.u(s.skey, 708) < 0.03 * r.af
  UNION ALL
  SELECT x.created_at, 'referral.send', 'referral', x.id::text, x.from_user, x.to_agency,
    ${to([
      ['kind', 'x.kind'],
      ['toAgencyId', 'x.to_agency'],
      ['caseId', 'x.case_id'],
      ['victimId', 'x.victim_id'],
      ['category', 'x.category'],
      ['urgency', 'x.urgency'],
      ['access', 'x.offered_access'],
      ['disclosesIdentity', 'false'],
    ])}
  FROM sc_ref x CROSS JOIN sc_run r WHERE pg_temp.u(x.rkey, 709 + length(x.kind)) < 0.3 * r.af
) e`;

const INSERT_AUDIT = `
INSERT INTO audit_events (task_force_id, agency_id, subject_agency_id, actor_user_id, actor_username, actor_roles, action, record_type, record_id,
  outcome, changes, request_id)
SELECT r.tf, u.agency_id, NULLIF(q.subject_agency, u.agency_id), u.id, u.username, u.roles, q.action, q.record_type, q.record_id, 'SUCCESS', q.changes, 'seed:scale'
FROM sc_audit q JOIN users u ON u.id = q.actor CROSS JOIN sc_run r
WHERE q.rn > $1 AND q.rn <= $2 ORDER BY q.rn`;

const INSERT_AUDIT_ROWS = `
INSERT INTO audit_events (task_force_id, agency_id, subject_agency_id, actor_user_id, actor_username, actor_roles, action, record_type, record_id,
  outcome, changes, request_id)
SELECT $1::uuid, u.agency_id, NULLIF(q.subject_agency, u.agency_id), u.id, u.username, u.roles, q.action, q.record_type, q.record_id, 'SUCCESS',
  q.changes::jsonb, 'seed:scale'
FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[]) WITH ORDINALITY AS q(action, record_type, record_id, actor, subject_agency, changes, ord)
  JOIN users u ON u.id = q.actor
ORDER BY q.ord`;
