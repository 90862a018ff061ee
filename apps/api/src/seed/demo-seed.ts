import { Client } from 'pg';
import { PasswordService } from '@app/auth';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_TASK_FORCE } from './demo-data';

export interface SeedResult {
  seeded: boolean;
  taskForceId: string;
}

/**
 * Seeds the demo task force on first boot (when there is no task force yet), as the owner
 * (tf_maintenance), in one transaction, with one audit event recording that it happened.
 */
export async function seedDemo(ownerUrl: string): Promise<SeedResult> {
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const existing = await c.query<{ id: string }>('SELECT id FROM task_forces ORDER BY created_at LIMIT 1');
    if (existing.rowCount) return { seeded: false, taskForceId: existing.rows[0].id };
    const hash = await new PasswordService().hash(DEMO_PASSWORD);
    await c.query('BEGIN');
    const { rows: [tf] } = await c.query<{ id: string }>('INSERT INTO task_forces (name, region) VALUES ($1, $2) RETURNING id', [DEMO_TASK_FORCE.name, DEMO_TASK_FORCE.region]);
    let users = 0;
    for (const a of DEMO_AGENCIES) {
      const { rows: [agency] } = await c.query<{ id: string }>(
        `INSERT INTO agencies (task_force_id, name, short_code, level, kind, ori, contact_name, contact_phone, contact_email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [tf.id, a.name, a.shortCode, a.level, a.kind, a.ori ?? null, a.contact.name, a.contact.phone, a.contact.email],
      );
      for (const u of a.users) {
        await c.query(
          `INSERT INTO users (agency_id, username, display_name, title, email, roles, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [agency.id, u.username, u.displayName, u.title, `${u.username}@demo.example.org`, u.roles, hash],
        );
        users++;
      }
    }
    await c.query(
      `INSERT INTO audit_events (task_force_id, action, record_type, record_id, outcome, changes)
       VALUES ($1::uuid, 'seed.demo', 'task_force', $1::text, 'SUCCESS', $2)`,
      [tf.id, JSON.stringify({ agencies: DEMO_AGENCIES.length, users })],
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
