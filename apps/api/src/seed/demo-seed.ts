import { Client } from 'pg';
import { PasswordService } from '@app/auth';
import { blindIndex, deconflictionKey, IdentifierKind, normalizeIdentifier } from '@app/cases';
import { DEMO_LEADS } from './demo-leads';
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
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const existing = await c.query<{ id: string }>('SELECT id FROM task_forces ORDER BY created_at LIMIT 1');
    if (existing.rowCount) return { seeded: false, taskForceId: existing.rows[0].id };
    const hash = await new PasswordService().hash(DEMO_PASSWORD);
    await c.query('BEGIN');
    const { rows: [tf] } = await c.query<{ id: string }>('INSERT INTO task_forces (name, region) VALUES ($1, $2) RETURNING id', [DEMO_TASK_FORCE.name, DEMO_TASK_FORCE.region]);
    let users = 0;
    const agencyIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const a of DEMO_AGENCIES) {
      const { rows: [agency] } = await c.query<{ id: string }>(
        `INSERT INTO agencies (task_force_id, name, short_code, level, kind, ori, contact_name, contact_phone, contact_email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [tf.id, a.name, a.shortCode, a.level, a.kind, a.ori ?? null, a.contact.name, a.contact.phone, a.contact.email],
      );
      for (const u of a.users) {
        const { rows: [user] } = await c.query<{ id: string }>(
          `INSERT INTO users (agency_id, username, display_name, title, email, roles, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [agency.id, u.username, u.displayName, u.title, `${u.username}@demo.example.org`, u.roles, hash],
        );
        userIds.set(u.username, user.id);
        users++;
      }
      agencyIds.set(a.key, agency.id);
    }
    const leads = await seedLeads(c, tf.id, agencyIds, userIds, deconflictionKey(masterKey));
    await c.query(
      `INSERT INTO audit_events (task_force_id, action, record_type, record_id, outcome, changes)
       VALUES ($1::uuid, 'seed.demo', 'task_force', $1::text, 'SUCCESS', $2)`,
      [tf.id, JSON.stringify({ agencies: DEMO_AGENCIES.length, users, leads })],
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

/** Demo leads with their identifiers (blind-indexed like the API does) and the resulting deconfliction notices. */
async function seedLeads(c: Client, taskForceId: string, agencyIds: Map<string, string>, userIds: Map<string, string>, indexKey: Buffer): Promise<number> {
  const shortCodes = new Map(DEMO_AGENCIES.map((a) => [a.key, a.shortCode]));
  const counters = new Map<string, number>();
  for (const l of DEMO_LEADS) {
    const agencyId = agencyIds.get(l.agency)!;
    const year = new Date(l.receivedAt).getUTCFullYear();
    const key = `${agencyId}|${year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const reference = `${shortCodes.get(l.agency)}-L-${year}-${String(n).padStart(4, '0')}`;
    const { rows: [lead] } = await c.query<{ id: string }>(
      `INSERT INTO leads (agency_id, reference, source, received_at, narrative, state, county, city, suspected_type, venue, indicators,
         status, priority, assigned_to, closed_reason, created_by)
       VALUES ($1, $2, $3, $4, $5, 'WY', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [agencyId, reference, l.source, l.receivedAt, l.narrative, l.county, l.city ?? null, l.suspectedType, l.venue ?? null, l.indicators,
        l.status ?? 'NEW', l.priority ?? 'NORMAL', l.assignedTo ? userIds.get(l.assignedTo) : null, l.closedReason ?? null, userIds.get(l.createdBy)],
    );
    for (const i of l.identifiers) {
      const normalized = normalizeIdentifier(i.kind as IdentifierKind, i.value, i.birthDate);
      if (!normalized) throw new Error(`demo identifier ${i.value} does not normalise`);
      const { rows: [ident] } = await c.query<{ id: string }>(
        `INSERT INTO identifiers (agency_id, owner_type, owner_id, kind, value, birth_date, blind_index, created_by)
         VALUES ($1, 'LEAD', $2, $3, $4, $5, $6, $7) RETURNING id`,
        [agencyId, lead.id, i.kind, i.value, i.birthDate ?? null, blindIndex(indexKey, i.kind as IdentifierKind, normalized), userIds.get(l.createdBy)],
      );
      // The same path the API takes: deconflict as the recording agency.
      await c.query(`SELECT set_config('app.agency_id', $1, true), set_config('app.task_force_id', $2, true)`, [agencyId, taskForceId]);
      await c.query(`SELECT * FROM deconflict_identifier($1)`, [ident.id]);
    }
  }
  for (const [key, n] of counters) {
    const [agencyId, year] = key.split('|');
    await c.query(`INSERT INTO agency_counters (agency_id, kind, year, last_value) VALUES ($1, 'LEAD', $2, $3)`, [agencyId, Number(year), n]);
  }
  await c.query(`SELECT set_config('app.agency_id', '', true), set_config('app.task_force_id', '', true)`);
  return DEMO_LEADS.length;
}
