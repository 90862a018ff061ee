import { Client } from 'pg';
import { PasswordService } from '@app/auth';
import { createHmac } from 'node:crypto';
import { currentAgencyKey, loadSystemKeys, SecretBox, unwrapKey } from '@app/core';
import { blindIndex, IdentifierKind, normalizeIdentifier, normalizePerson } from '@app/cases';
import { addDays, computeDeadlines, IDENTITY_FIELDS, IdentityField, identityAad, LegalMatterFacts, LegalMatterKind } from '@app/victims';
import { DEMO_VICTIMS } from './demo-victims';
import { DEMO_REFERRALS } from './demo-referrals';
import { caseBrief, victimBrief } from '@app/referrals';
import { DEMO_LEADS } from './demo-leads';
import { DEMO_CASES, DemoIdentifier } from './demo-cases';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_TASK_FORCE } from './demo-data';

export interface SeedResult {
  seeded: boolean;
  taskForceId: string;
}

/**
 * Seeds the demo task force on first boot (when there is no task force yet), as the owner
 * (tf_maintenance), in one transaction, with one audit event recording that it happened.
 */
export async function seedDemo(ownerUrl: string, masterKey: Buffer): Promise<SeedResult> {
  const keys = await loadSystemKeys(ownerUrl, masterKey);
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const existing = await c.query<{ id: string }>('SELECT id FROM task_forces ORDER BY created_at LIMIT 1');
    if (existing.rowCount) return { seeded: false, taskForceId: existing.rows[0].id };
    const hash = await new PasswordService().hash(DEMO_PASSWORD);
    await c.query('BEGIN');
    const {
      rows: [tf],
    } = await c.query<{ id: string }>('INSERT INTO task_forces (name, region) VALUES ($1, $2) RETURNING id', [
      DEMO_TASK_FORCE.name,
      DEMO_TASK_FORCE.region,
    ]);
    let users = 0;
    const agencyIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const a of DEMO_AGENCIES) {
      const {
        rows: [agency],
      } = await c.query<{ id: string }>(
        `INSERT INTO agencies (task_force_id, name, short_code, level, kind, ori, contact_name, contact_phone, contact_email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [tf.id, a.name, a.shortCode, a.level, a.kind, a.ori ?? null, a.contact.name, a.contact.phone, a.contact.email],
      );
      for (const u of a.users) {
        const {
          rows: [user],
        } = await c.query<{ id: string }>(
          `INSERT INTO users (agency_id, username, display_name, title, email, roles, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [agency.id, u.username, u.displayName, u.title, `${u.username}@demo.example.org`, u.roles, hash],
        );
        userIds.set(u.username, user.id);
        users++;
      }
      agencyIds.set(a.key, agency.id);
    }
    const ids: SeedIds = {
      taskForceId: tf.id,
      agencies: agencyIds,
      users: userIds,
      indexKey: keys['deconfliction-blind-index'],
      victimIndexKey: keys['victim-blind-index'],
      masterKey,
    };
    const leads = await seedLeads(c, ids);
    const cases = await seedCases(c, ids);
    const victims = await seedVictims(c, ids);
    const referrals = await seedReferrals(c, ids);
    await c.query(
      `INSERT INTO audit_events (task_force_id, action, record_type, record_id, outcome, changes)
       VALUES ($1::uuid, 'seed.demo', 'task_force', $1::text, 'SUCCESS', $2)`,
      [tf.id, JSON.stringify({ agencies: DEMO_AGENCIES.length, users, leads, cases, victims, referrals })],
    );
    await c.query('COMMIT');
    return { seeded: true, taskForceId: tf.id };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }
}

interface SeedIds {
  taskForceId: string;
  agencies: Map<string, string>;
  users: Map<string, string>;
  indexKey: Buffer;
  victimIndexKey: Buffer;
  masterKey: Buffer;
}

/** Records an identifier the way the API does (normalised, blind-indexed) and deconflicts it as the recording agency. */
async function seedIdentifier(
  c: Client,
  ids: SeedIds,
  agency: string,
  by: string,
  owner: { type: 'LEAD' | 'CASE' | 'SUBJECT'; id: string; caseId?: string },
  i: DemoIdentifier,
): Promise<void> {
  const agencyId = agencyIdOf(ids, agency);
  const kind = member(IdentifierKind, i.kind, 'identifier kind');
  const normalized = normalizeIdentifier(kind, i.value, i.birthDate);
  if (!normalized) throw new Error(`demo identifier ${i.value} does not normalise`);
  const {
    rows: [ident],
  } = await c.query<{ id: string }>(
    `INSERT INTO identifiers (agency_id, owner_type, owner_id, kind, value, birth_date, blind_index, created_by, case_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      agencyId,
      owner.type,
      owner.id,
      i.kind,
      i.value,
      i.birthDate ?? null,
      blindIndex(ids.indexKey, kind, normalized),
      user(ids, by),
      owner.caseId ?? null,
    ],
  );
  // The owner acts for the agency through principal_bind (the app role cannot call it).
  await c.query(`SELECT principal_bind(NULL::uuid, $1::uuid, $2::uuid, '{}'::text[], NULL::uuid)`, [agencyId, ids.taskForceId]);
  await c.query(`SELECT * FROM deconflict_identifier($1)`, [ident.id]);
  await c.query(`DELETE FROM principal_bindings WHERE backend_pid = pg_backend_pid()`);
}

function agencyIdOf(ids: SeedIds, key: string): string {
  const id = ids.agencies.get(key);
  if (!id) throw new Error(`demo agency ${key} does not exist`);
  return id;
}

/** The enum member a demo file names (the files hold plain strings). */
function member<E extends Record<string, string>>(e: E, name: string, what: string): E[keyof E] {
  const value = name in e ? e[name as keyof E] : undefined;
  if (value === undefined) throw new Error(`demo ${what} ${name} is not known`);
  return value;
}

function user(ids: SeedIds, username: string): string {
  const id = ids.users.get(username);
  if (!id) throw new Error(`demo user ${username} does not exist`);
  return id;
}

/** Gap-free numbering continues from the seeded numbers. */
async function seedCounters(c: Client, kind: string, counters: Map<string, number>): Promise<void> {
  for (const [key, n] of counters) {
    const [agencyId, year] = key.split('|');
    await c.query(`INSERT INTO agency_counters (agency_id, kind, year, last_value) VALUES ($1, $2, $3, $4)`, [
      agencyId,
      kind,
      Number(year),
      n,
    ]);
  }
}

function nextInCounter(counters: Map<string, number>, agencyId: string, at: string): { n: number; year: number } {
  const year = new Date(at).getUTCFullYear();
  const key = `${agencyId}|${year}`;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return { n, year };
}

/** Demo leads with their identifiers and the resulting deconfliction notices. */
async function seedLeads(c: Client, ids: SeedIds): Promise<number> {
  const shortCodes = new Map(DEMO_AGENCIES.map((a) => [a.key, a.shortCode]));
  const counters = new Map<string, number>();
  for (const l of DEMO_LEADS) {
    const agencyId = agencyIdOf(ids, l.agency);
    const { n, year } = nextInCounter(counters, agencyId, l.receivedAt);
    const reference = `${shortCodes.get(l.agency)}-L-${year}-${String(n).padStart(4, '0')}`;
    const {
      rows: [lead],
    } = await c.query<{ id: string }>(
      `INSERT INTO leads (agency_id, reference, source, received_at, narrative, state, county, city, suspected_type, venue, indicators,
         status, priority, assigned_to, closed_reason, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'WY', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $4) RETURNING id`,
      [
        agencyId,
        reference,
        l.source,
        l.receivedAt,
        l.narrative,
        l.county,
        l.city ?? null,
        l.suspectedType,
        l.venue ?? null,
        l.indicators,
        l.status ?? 'NEW',
        l.priority ?? 'NORMAL',
        l.assignedTo ? user(ids, l.assignedTo) : null,
        l.closedReason ?? null,
        user(ids, l.createdBy),
      ],
    );
    for (const i of l.identifiers) await seedIdentifier(c, ids, l.agency, l.createdBy, { type: 'LEAD', id: lead.id }, i);
  }
  await seedCounters(c, 'LEAD', counters);
  return DEMO_LEADS.length;
}

/** Demo cases: promoted leads keep their identifiers; shares, subjects (deconflicted), charges, notes and tasks. */
async function seedCases(c: Client, ids: SeedIds): Promise<number> {
  const shortCodes = new Map(DEMO_AGENCIES.map((a) => [a.key, a.shortCode]));
  const counters = new Map<string, number>();
  for (const k of [...DEMO_CASES].sort((a, b) => a.openedAt.localeCompare(b.openedAt))) {
    const agencyId = agencyIdOf(ids, k.agency);
    const { n, year } = nextInCounter(counters, agencyId, k.openedAt);
    const number = `${shortCodes.get(k.agency)}-${year}-${String(n).padStart(4, '0')}`;
    let leadId: string | null = null;
    if (k.fromLead) {
      const lead = (
        await c.query<{ id: string }>(
          `UPDATE leads SET status = 'PROMOTED', version = version + 1 WHERE reference = $1 AND agency_id = $2 AND status IN ('NEW','TRIAGED') RETURNING id`,
          [k.fromLead, agencyId],
        )
      ).rows.at(0);
      if (!lead) throw new Error(`demo case ${number}: lead ${k.fromLead} is not an open lead of ${k.agency}`);
      leadId = lead.id;
    }
    const closed = k.closure ? { at: new Date(Date.parse(k.openedAt) + 20 * 86_400_000).toISOString(), by: user(ids, k.closure.by) } : null;
    const {
      rows: [kase],
    } = await c.query<{ id: string }>(
      `INSERT INTO cases (agency_id, number, title, summary, trafficking_type, venue, means_of_control, control_detail, counties, assignee_ids,
         status, closure, closed_reason, closed_at, closed_by, lead_id, opened_at, opened_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $17) RETURNING id`,
      [
        agencyId,
        number,
        k.title,
        k.summary,
        k.traffickingType,
        k.venue ?? null,
        k.meansOfControl,
        k.controlDetail ?? null,
        k.counties,
        k.assignees.map((u) => user(ids, u)),
        k.status,
        k.closure?.as ?? null,
        k.closure?.reason ?? null,
        closed?.at ?? null,
        closed?.by ?? null,
        leadId,
        k.openedAt,
        user(ids, k.openedBy),
      ],
    );
    if (leadId) await c.query(`UPDATE identifiers SET case_id = $1 WHERE owner_type = 'LEAD' AND owner_id = $2`, [kase.id, leadId]);
    for (const i of k.identifiers ?? [])
      await seedIdentifier(c, ids, k.agency, k.openedBy, { type: 'CASE', id: kase.id, caseId: kase.id }, i);
    for (const sh of k.shares) {
      await c.query(`INSERT INTO case_participants (case_id, agency_id, access, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)`, [
        kase.id,
        ids.agencies.get(sh.agency),
        sh.access,
        user(ids, sh.by),
        k.openedAt,
      ]);
    }
    for (const s of k.subjects) {
      const {
        rows: [subject],
      } = await c.query<{ id: string }>(
        `INSERT INTO subjects (case_id, agency_id, role, display_name, description, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [kase.id, ids.agencies.get(s.agency), s.role, s.displayName, s.description ?? null, s.status, user(ids, s.by), k.openedAt],
      );
      for (const i of s.identifiers ?? [])
        await seedIdentifier(c, ids, s.agency, s.by, { type: 'SUBJECT', id: subject.id, caseId: kase.id }, i);
      for (const ch of s.charges ?? []) {
        await c.query(
          `INSERT INTO charges (case_id, subject_id, agency_id, statute_code, counts, filed_on, disposition, disposition_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            kase.id,
            subject.id,
            ids.agencies.get(ch.agency),
            ch.statute,
            ch.counts ?? 1,
            ch.filedOn ?? null,
            ch.disposition ?? 'PENDING',
            ch.dispositionOn ?? null,
            user(ids, ch.by),
          ],
        );
      }
    }
    for (const note of k.notes) {
      await c.query(`INSERT INTO case_notes (case_id, agency_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        kase.id,
        ids.agencies.get(note.agency),
        user(ids, note.by),
        note.body,
        note.at,
      ]);
    }
    for (const task of k.tasks) {
      await c.query(
        `INSERT INTO case_tasks (case_id, agency_id, title, assignee_id, due_on, done_at, done_by, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          kase.id,
          ids.agencies.get(task.agency),
          task.title,
          task.assignee ? user(ids, task.assignee) : null,
          task.dueOn ?? null,
          task.done ? task.dueOn : null,
          task.done && task.assignee ? user(ids, task.assignee) : null,
          user(ids, task.by),
        ],
      );
    }
  }
  await seedCounters(c, 'CASE', counters);
  return DEMO_CASES.length;
}

/** Demo survivors: identities sealed under each custodial agency's data key, as the API does; case links and consents. */
async function seedVictims(c: Client, ids: SeedIds): Promise<number> {
  const year = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);
  const dataKeys = new Map<string, SecretBox>();
  let n = 0;
  for (const v of DEMO_VICTIMS) {
    const agencyId = agencyIdOf(ids, v.agency);
    let box = dataKeys.get(agencyId);
    if (!box) {
      const k = await currentAgencyKey((sql, params) => c.query(sql, params), ids.masterKey, agencyId);
      box = new SecretBox(unwrapKey(ids.masterKey, k.owner, k.version, k.wrapped));
      dataKeys.set(agencyId, box);
    }
    const code = `V-${year}-${String(++n).padStart(4, '0')}`;
    const normalized = normalizePerson(v.identity.legalName, v.identity.birthDate);
    const index = normalized ? createHmac('sha256', ids.victimIndexKey).update(normalized).digest() : null;
    const {
      rows: [victim],
    } = await c.query<{ id: string }>(
      `INSERT INTO victims (task_force_id, agency_id, code, age_band, minor_at_exploitation, gender, trafficking_type, risk_factors, safety_flags, identity_index,
         created_by, crime_date, identified_on, advocate_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        ids.taskForceId,
        agencyId,
        code,
        v.ageBand,
        v.minor,
        v.gender,
        v.traffickingType,
        v.riskFactors,
        v.safetyFlags,
        index,
        user(ids, v.by),
        addDays(today, -v.crimeDaysAgo),
        addDays(today, -v.identifiedDaysAgo),
        user(ids, v.advocate),
      ],
    );
    const fields = Object.keys(v.identity) as IdentityField[];
    await c.query(
      `INSERT INTO victim_identities (victim_id, agency_id, key_version, ${fields.map((f) => IDENTITY_FIELDS[f].column).join(', ')})
       VALUES ($1, $2, 1, ${fields.map((_, i) => `$${i + 3}`).join(', ')})`,
      [victim.id, agencyId, ...fields.map((f) => box.seal(v.identity[f], identityAad(victim.id, IDENTITY_FIELDS[f].column, 1)))],
    );
    for (const title of v.cases) {
      const { rowCount } = await c.query(
        `INSERT INTO victim_cases (victim_id, case_id, agency_id, linked_by) SELECT $1, id, $2, $3 FROM cases WHERE title = $4`,
        [victim.id, agencyId, user(ids, v.by), title],
      );
      if (rowCount !== 1) throw new Error(`demo victim ${code}: no case titled ${title}`);
    }
    for (const k of v.consents) {
      await c.query(
        `INSERT INTO consents (victim_id, agency_id, recipient_agency_id, scopes, purpose, signed_on, expires_on, witness, form_reference, created_by)
         VALUES ($1, $2, $3, $4, $5, current_date - $6::int, current_date + $7::int, $8, $9, $10)`,
        [
          victim.id,
          agencyId,
          ids.agencies.get(k.recipient),
          k.scopes,
          k.purpose,
          k.signedDaysAgo,
          k.expiresInDays,
          k.witness,
          `ROI form on file, ${code}`,
          user(ids, v.by),
        ],
      );
    }
    for (const s of v.services) {
      const {
        rows: [service],
      } = await c.query<{ id: string }>(
        `INSERT INTO services (victim_id, agency_id, provider_agency_id, category, detail, status, requested_on, started_on, ended_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, current_date - $7::int, current_date - $8::int, current_date - $9::int, $10) RETURNING id`,
        [
          victim.id,
          agencyId,
          ids.agencies.get(s.provider),
          s.category,
          s.detail ?? null,
          s.status,
          s.requestedDaysAgo,
          s.startedDaysAgo ?? null,
          s.endedDaysAgo ?? null,
          user(ids, v.by),
        ],
      );
      if (s.note) {
        if (!s.noteBy) throw new Error(`demo service note on ${code} names no author`);
        await c.query(`INSERT INTO service_notes (service_id, agency_id, author_id, body) VALUES ($1, $2, $3, $4)`, [
          service.id,
          ids.agencies.get(s.provider),
          user(ids, s.noteBy),
          s.note,
        ]);
      }
    }
    await seedDeadlines(c, ids, v, victim.id, agencyId, today);
  }
  // Statuses and the reminders the daily job would have left by now.
  await c.query(`SELECT * FROM app_sweep_deadlines()`);
  await c.query(`INSERT INTO task_force_counters (task_force_id, kind, year, last_value) VALUES ($1, 'VICTIM', $2, $3)`, [
    ids.taskForceId,
    year,
    n,
  ]);
  return n;
}

/** The victim's legal matters, and the deadlines the API would compute from them (the same rules). */
async function seedDeadlines(
  c: Client,
  ids: SeedIds,
  v: (typeof DEMO_VICTIMS)[number],
  victimId: string,
  agencyId: string,
  today: string,
): Promise<void> {
  const ago = (n: number | undefined) => (n === undefined ? null : addDays(today, -n));
  const matters: LegalMatterFacts[] = [];
  for (const m of v.matters) {
    const f = {
      kind: member(LegalMatterKind, m.kind, 'legal matter kind'),
      description: m.description ?? null,
      certifyingAgency: m.certifyingAgency ?? null,
      requestedOn: ago(m.requestedDaysAgo),
      decidedOn: null,
      grantedOn: ago(m.grantedDaysAgo),
      lengthMonths: m.lengthMonths ?? null,
      renewalRequestedOn: null,
      eventOn: m.eventInDays === undefined ? null : addDays(today, m.eventInDays),
    };
    const {
      rows: [row],
    } = await c.query<{ id: string }>(
      `INSERT INTO legal_matters (victim_id, agency_id, kind, description, certifying_agency, requested_on, granted_on, length_months, event_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        victimId,
        agencyId,
        f.kind,
        f.description,
        f.certifyingAgency,
        f.requestedOn,
        f.grantedOn,
        f.lengthMonths,
        f.eventOn,
        user(ids, v.by),
      ],
    );
    matters.push({ id: row.id, ...f });
  }
  const deadlines = computeDeadlines({
    minorAtExploitation: v.minor,
    sexTrafficking: ['SEX', 'SEX_AND_LABOR'].includes(v.traffickingType),
    crimeDate: ago(v.crimeDaysAgo),
    identifiedOn: addDays(today, -v.identifiedDaysAgo),
    birthDate: 'birthDate' in v.identity ? v.identity.birthDate : null,
    matters,
  });
  for (const d of deadlines) {
    await c.query(
      `INSERT INTO deadlines (victim_id, agency_id, rule, matter_id, description, due_on, remind_on, facts_met_on, assignee_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [victimId, agencyId, d.rule, d.matterId, d.description, d.dueOn, d.remindOn, d.factsMetOn, user(ids, v.advocate)],
    );
  }
}

/** Demo referrals with their history and the notifications each step left. */
async function seedReferrals(c: Client, ids: SeedIds): Promise<number> {
  const { rows: victims } = await c.query<{
    id: string;
    code: string;
    age_band: string;
    minor_at_exploitation: boolean;
    gender: string;
    trafficking_type: string;
  }>(`SELECT id, code, age_band, minor_at_exploitation, gender, trafficking_type FROM victims WHERE task_force_id = $1 ORDER BY code`, [
    ids.taskForceId,
  ]);
  for (const r of DEMO_REFERRALS) {
    let caseId: string | null = null;
    let victimId: string | null = null;
    let brief: Record<string, unknown>;
    if (r.caseTitle) {
      const {
        rows: [k],
      } = await c.query<{ id: string; trafficking_type: string; venue: string | null; counties: string[] }>(
        `SELECT id, trafficking_type, venue, counties FROM cases WHERE title = $1`,
        [r.caseTitle],
      );
      caseId = k.id;
      brief = caseBrief(k);
    } else {
      const v = r.victim === undefined ? undefined : victims.at(r.victim);
      if (!v) throw new Error(`demo referral names neither a case nor a known victim`);
      victimId = v.id;
      brief = victimBrief(v, r.category ?? null);
    }
    const hours = { EMERGENCY: 1, URGENT: 24, ROUTINE: 72 }[r.urgency];
    const {
      rows: [ref],
    } = await c.query<{ id: string }>(
      `INSERT INTO referrals (task_force_id, kind, from_agency_id, from_user_id, to_agency_id, case_id, victim_id, service_category, reason, urgency,
         respond_by, offered_access, brief, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() - make_interval(hours => $11) + make_interval(hours => $12), $13, $14,
         now() - make_interval(hours => $11), now()) RETURNING id`,
      [
        ids.taskForceId,
        r.kind,
        ids.agencies.get(r.from),
        user(ids, r.by),
        ids.agencies.get(r.to),
        caseId,
        victimId,
        r.category ?? null,
        r.reason,
        r.urgency,
        r.sentHoursAgo,
        hours,
        r.access ?? null,
        JSON.stringify(brief),
      ],
    );
    await c.query(
      `INSERT INTO referral_events (referral_id, action, actor_user_id, actor_agency_id, at) VALUES ($1, 'SENT', $2, $3, now() - make_interval(hours => $4))`,
      [ref.id, user(ids, r.by), ids.agencies.get(r.from), r.sentHoursAgo],
    );
    await c.query(`SELECT app_notify_referral($1, 'SENT')`, [ref.id]);
    if (!r.answer) continue;
    const at = r.sentHoursAgo - r.answer.hoursAfter;
    const serviceId =
      r.answer.status === 'ACCEPTED' && victimId
        ? ((
            await c.query<{ id: string }>(
              `SELECT id FROM services WHERE victim_id = $1 AND provider_agency_id = $2 ORDER BY requested_on LIMIT 1`,
              [victimId, ids.agencies.get(r.to)],
            )
          ).rows[0]?.id ?? null)
        : null;
    await c.query(
      `UPDATE referrals SET status = $2, answered_by = $3, answered_at = now() - make_interval(hours => $4), answer_reason = $5, service_id = $6, version = 2 WHERE id = $1`,
      [ref.id, r.answer.status, user(ids, r.answer.by), at, r.answer.reason ?? null, serviceId],
    );
    await c.query(
      `INSERT INTO referral_events (referral_id, action, actor_user_id, actor_agency_id, note, at) VALUES ($1, $2, $3, $4, $5, now() - make_interval(hours => $6))`,
      [ref.id, r.answer.status, user(ids, r.answer.by), ids.agencies.get(r.to), r.answer.reason ?? null, at],
    );
    await c.query(`SELECT app_notify_referral($1, $2)`, [ref.id, r.answer.status]);
  }
  return DEMO_REFERRALS.length;
}
