import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@app/access';
import { AgenciesService } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { Db, Errors, RequestContext, today, checkDay } from '@app/core';
import { VictimsService } from './victims.service';
import { DeadlinesService } from './deadlines/deadlines.service';
import { SERVICE_TRANSITIONS, ServiceCategory, ServiceStatus } from './victims.enums';
import { AddServiceInput, AddServiceNoteInput, ServiceNote, UpdateServiceInput, VictimService } from './graphql/victim.graphql-types';

interface ServiceRow {
  id: string;
  victim_id: string;
  victim_code: string;
  agency_id: string;
  provider_agency_id: string;
  category: ServiceCategory;
  detail: string | null;
  status: ServiceStatus;
  requested_on: string;
  started_on: string | null;
  ended_on: string | null;
  outcome: string | null;
  version: number;
}

const SELECT = `SELECT s.id, s.victim_id, v.code AS victim_code, s.agency_id, s.provider_agency_id, s.category, s.detail, s.status,
  to_char(s.requested_on, 'YYYY-MM-DD') AS requested_on, to_char(s.started_on, 'YYYY-MM-DD') AS started_on,
  to_char(s.ended_on, 'YYYY-MM-DD') AS ended_on, s.outcome, s.version
  FROM services s JOIN victims v ON v.id = s.victim_id`;

/**
 * A victim's needs and services. The custodial agency records them and names the provider; the
 * provider (or the custodial agency) moves them along; the provider's notes are its own. An agency
 * with a live SERVICES consent sees them.
 */
@Injectable()
export class VictimServicesService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly deadlines: DeadlinesService,
    private readonly victims: VictimsService,
  ) {}

  private async toServices(rows: ServiceRow[]): Promise<VictimService[]> {
    const agencies = await this.agencies.byIds([...new Set(rows.flatMap((r) => [r.agency_id, r.provider_agency_id]))]);
    return rows.map((r) => ({
      id: r.id,
      victimId: r.victim_id,
      victimCode: r.victim_code,
      category: r.category,
      detail: r.detail,
      status: r.status,
      provider: agencies.get(r.provider_agency_id)!,
      providerAgencyId: r.provider_agency_id,
      custodialAgency: agencies.get(r.agency_id)!,
      requestedOn: r.requested_on,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      outcome: r.outcome,
      version: r.version,
    }));
  }

  private async one(id: string): Promise<VictimService> {
    return (await this.toServices(await this.db.em.query(`${SELECT} WHERE s.id = $1`, [id])))[0];
  }

  async ofVictims(victimIds: readonly string[]): Promise<Map<string, VictimService[]>> {
    return this.db.tx(async (em) => {
      const rows: ServiceRow[] = await em.query(`${SELECT} WHERE s.victim_id = ANY($1) ORDER BY s.requested_on, s.id`, [victimIds]);
      const out = new Map<string, VictimService[]>(victimIds.map((id) => [id, []]));
      for (const s of await this.toServices(rows)) out.get(s.victimId)?.push(s);
      return out;
    });
  }

  /** What other agencies (and one's own) asked the caller's agency to provide. */
  async provided(status: ServiceStatus[] | undefined): Promise<VictimService[]> {
    return this.db.tx(async (em) =>
      this.toServices(
        await em.query(
          `${SELECT} WHERE s.provider_agency_id = app_agency_id() AND ($1::text[] IS NULL OR s.status = ANY($1)) ORDER BY s.requested_on, s.id LIMIT 500`,
          [status?.length ? status : null],
        ),
      ),
    );
  }

  async add(input: AddServiceInput): Promise<VictimService> {
    const p = this.ctx.principal;
    const requestedOn = input.requestedOn ?? today();
    checkDay(requestedOn, 'requestedOn', { notFuture: true });
    return this.db.tx(async () => {
      await this.victims.requireCustodial(input.victimId, 'service.add', "records the victim's services");
      const provider = (await this.agencies.byIds([input.providerAgencyId])).get(input.providerAgencyId);
      if (!provider) throw Errors.notFound('agency', input.providerAgencyId, 'service.add');
      if (!provider.active) throw Errors.badInput(`${provider.name} is not active in the task force.`, { field: 'providerAgencyId' });
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO services (victim_id, agency_id, provider_agency_id, category, detail, requested_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [input.victimId, p.agencyId, input.providerAgencyId, input.category, input.detail ?? null, requestedOn, p.userId],
      );
      await this.audit.record({
        action: 'service.add',
        recordType: 'service',
        recordId: id,
        subjectAgencyId: input.providerAgencyId,
        changes: diffFields(null, {
          victimId: input.victimId,
          category: input.category,
          providerAgencyId: input.providerAgencyId,
          requestedOn,
        }),
      });
      await this.deadlines.refresh(input.victimId);
      return this.one(id);
    });
  }

  async update(input: UpdateServiceInput): Promise<VictimService> {
    if (input.status === undefined && input.startedOn === undefined && input.endedOn === undefined && input.outcome === undefined) {
      throw Errors.badInput('Nothing to change: give at least one field.');
    }
    for (const f of ['startedOn', 'endedOn'] as const) {
      checkDay(input[f], f, { notFuture: true });
    }
    return this.db.tx(async (em) => {
      const [before]: ServiceRow[] = await em.query(
        `${SELECT} WHERE s.id = $1 AND (s.agency_id = app_agency_id() OR s.provider_agency_id = app_agency_id()) FOR UPDATE OF s`,
        [input.id],
      );
      if (!before) throw Errors.notFound('service', input.id, 'service.update');
      if (before.version !== input.version)
        throw Errors.conflict('This service was changed by someone else since you read it. Reload and try again.', {
          currentVersion: before.version,
        });
      const status = input.status ?? before.status;
      if (status !== before.status && !SERVICE_TRANSITIONS[before.status].includes(status)) {
        const allowed = SERVICE_TRANSITIONS[before.status];
        throw Errors.badInput(
          `A ${before.status} service cannot become ${status}. ${allowed.length ? `Allowed next: ${allowed.join(', ')}.` : 'It is finished.'}`,
          { currentStatus: before.status, allowed },
        );
      }
      const startedOn = input.startedOn ?? before.started_on ?? (status === ServiceStatus.IN_PROGRESS ? today() : null);
      const endedOn =
        input.endedOn ??
        before.ended_on ??
        ([ServiceStatus.PROVIDED, ServiceStatus.DECLINED, ServiceStatus.UNAVAILABLE].includes(status) && status !== before.status
          ? today()
          : null);
      if ((startedOn && startedOn < before.requested_on) || (endedOn && endedOn < (startedOn ?? before.requested_on))) {
        throw Errors.badInput('Dates must run requested ≤ started ≤ ended.', { field: 'endedOn' });
      }
      const outcome = input.outcome ?? before.outcome;
      const { rowCount } = await this.db.exec(
        `UPDATE services SET status = $3, started_on = $4, ended_on = $5, outcome = $6, updated_at = now(), version = version + 1 WHERE id = $1 AND version = $2`,
        [input.id, input.version, status, startedOn, endedOn, outcome],
      );
      if (rowCount !== 1) throw Errors.conflict('This service was changed by someone else since you read it. Reload and try again.');
      const other = before.agency_id === this.ctx.principal.agencyId ? before.provider_agency_id : before.agency_id;
      await this.audit.record({
        action: 'service.update',
        recordType: 'service',
        recordId: input.id,
        subjectAgencyId: other,
        changes: diffFields(
          { status: before.status, startedOn: before.started_on, endedOn: before.ended_on, outcome: before.outcome },
          { status, startedOn, endedOn, outcome },
          ['outcome'],
        ),
      });
      await this.deadlines.refresh(before.victim_id);
      return this.one(input.id);
    });
  }

  /** The provider's notes on a service; anyone else gets none. */
  async notesOf(serviceIds: readonly string[]): Promise<Map<string, ServiceNote[]>> {
    return this.db.tx(async (em) => {
      const rows: { id: string; service_id: string; body: string; author_name: string | null; created_at: Date }[] = await em.query(
        `SELECT n.id, n.service_id, n.body, u.display_name AS author_name, n.created_at FROM service_notes n LEFT JOIN users u ON u.id = n.author_id
         WHERE n.service_id = ANY($1) AND n.agency_id = app_agency_id() ORDER BY n.created_at DESC, n.id DESC`,
        [serviceIds],
      );
      const out = new Map<string, ServiceNote[]>(serviceIds.map((id) => [id, []]));
      for (const r of rows) out.get(r.service_id)?.push({ id: r.id, body: r.body, authorName: r.author_name, createdAt: r.created_at });
      return out;
    });
  }

  async addNote(input: AddServiceNoteInput): Promise<ServiceNote> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      const {
        rows: [s],
      } = await this.db.exec<{ provider_agency_id: string }>(`SELECT provider_agency_id FROM services WHERE id = $1`, [input.serviceId]);
      if (!s) throw Errors.notFound('service', input.serviceId, 'service_note.add');
      this.policy.assertServiceProvider(p, s.provider_agency_id, input.serviceId);
      const {
        rows: [{ id }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO service_notes (service_id, agency_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id`,
        [input.serviceId, p.agencyId, p.userId, input.body],
      );
      await this.audit.record({
        action: 'service_note.add',
        recordType: 'service_note',
        recordId: id,
        changes: { serviceId: { to: input.serviceId }, body: '[confidential]' },
      });
      return (await this.notesOf([input.serviceId])).get(input.serviceId)!.find((n) => n.id === id)!;
    });
  }
}
