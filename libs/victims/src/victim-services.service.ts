import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@app/access';
import { AgenciesService } from '@app/agencies';
import { AuditService, diffFields } from '@app/audit';
import { Db, Errors, RequestContext, today, checkDay } from '@app/core';
import { VictimsService } from './victims.service';
import { DeadlinesService } from './deadlines/deadlines.service';
import { SERVICE_TRANSITIONS, ServiceStatus } from './victims.enums';
import { loaded } from './loaded';
import {
  insertService,
  insertServiceNote,
  notesOfServices,
  providerOfService,
  serviceById,
  serviceForUpdate,
  servicesOfVictims,
  servicesProvided,
  updateService,
} from './victim-services.sql';
import type { ServiceRow } from './victim-services.sql';
import { AddServiceInput, AddServiceNoteInput, ServiceNote, UpdateServiceInput, VictimService } from './graphql/victim.graphql-types';

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
      provider: loaded(agencies, r.provider_agency_id, 'agency'),
      providerAgencyId: r.provider_agency_id,
      custodialAgency: loaded(agencies, r.agency_id, 'agency'),
      requestedOn: r.requested_on,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      outcome: r.outcome,
      version: r.version,
    }));
  }

  private async one(id: string): Promise<VictimService> {
    const service = (await this.toServices(await this.db.many(serviceById, [id]))).at(0);
    if (!service) throw Errors.notFound('service', id);
    return service;
  }

  async ofVictims(victimIds: readonly string[]): Promise<Map<string, VictimService[]>> {
    return this.db.tx(async () => {
      const rows = await this.db.many(servicesOfVictims, [victimIds]);
      const out = new Map<string, VictimService[]>(victimIds.map((id) => [id, []]));
      for (const s of await this.toServices(rows)) out.get(s.victimId)?.push(s);
      return out;
    });
  }

  /** What other agencies (and one's own) asked the caller's agency to provide. */
  async provided(status: ServiceStatus[] | undefined): Promise<VictimService[]> {
    return this.db.tx(async () => this.toServices(await this.db.many(servicesProvided, [status?.length ? status : null])));
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
      const inserted = await this.db.one(insertService, [
        input.victimId,
        p.agencyId,
        input.providerAgencyId,
        input.category,
        input.detail ?? null,
        requestedOn,
        p.userId,
      ]);
      if (!inserted) throw new Error('the service insert returned no row');
      const { id } = inserted;
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
    return this.db.tx(async () => {
      const before: ServiceRow | undefined = await this.db.one(serviceForUpdate, [input.id]);
      if (!before) throw Errors.notFound('service', input.id, 'service.update');
      this.db.checkVersion('service', before, input.version);
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
      await this.db.update(updateService, input.id, input.version, { status, startedOn, endedOn, outcome });
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
    return this.db.tx(async () => {
      const rows = await this.db.many(notesOfServices, [serviceIds]);
      const out = new Map<string, ServiceNote[]>(serviceIds.map((id) => [id, []]));
      for (const r of rows) out.get(r.service_id)?.push({ id: r.id, body: r.body, authorName: r.author_name, createdAt: r.created_at });
      return out;
    });
  }

  async addNote(input: AddServiceNoteInput): Promise<ServiceNote> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      const s = await this.db.one(providerOfService, [input.serviceId]);
      if (!s) throw Errors.notFound('service', input.serviceId, 'service_note.add');
      this.policy.assertServiceProvider(p, s.provider_agency_id, input.serviceId);
      const inserted = await this.db.one(insertServiceNote, [input.serviceId, p.agencyId, p.userId, input.body]);
      if (!inserted) throw new Error('the service note insert returned no row');
      const { id } = inserted;
      await this.audit.record({
        action: 'service_note.add',
        recordType: 'service_note',
        recordId: id,
        changes: { serviceId: { to: input.serviceId }, body: '[confidential]' },
      });
      const note = (await this.notesOf([input.serviceId])).get(input.serviceId)?.find((n) => n.id === id);
      if (!note) throw new Error(`service note ${id} was not read back`);
      return note;
    });
  }
}
