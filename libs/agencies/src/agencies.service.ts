import { Injectable } from '@nestjs/common';
import { Db, Errors, RequestContext, uniqueViolation } from '@app/core';
import { AccessPolicy, Role } from '@app/access';
import { AuditService, diffFields } from '@app/audit';
import { UsersService } from '@app/auth';
import { AgencyKind } from './agency.enums';
import {
  AgencyRow,
  agenciesByIds,
  agencyForUpdate,
  allAgencies,
  insertAgency,
  revokeAgencySessions,
  taskForceById,
  updateAgency,
} from './agencies.sql';
import { Agency, CreateAgencyInput, CreateAgencyPayload, TaskForce, UpdateAgencyInput } from './graphql/agency.graphql-types';

export function toAgency(r: AgencyRow): Agency {
  return {
    id: r.id,
    name: r.name,
    shortCode: r.short_code,
    level: r.level,
    kind: r.kind,
    ori: r.ori,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    active: r.active,
    version: r.version,
  };
}

const CONSTRAINT_MESSAGES: Record<string, string> = {
  agencies_name_key: 'An agency with this name is already in the task force.',
  agencies_short_code_key: 'This short code is already used by another agency of the task force.',
  agencies_ori_key: 'This ORI is already registered to another agency.',
};

/** The task force and its member agencies. */
@Injectable()
export class AgenciesService {
  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly policy: AccessPolicy,
  ) {}

  list(): Promise<Agency[]> {
    return this.db.tx(async () => (await this.db.many(allAgencies)).map(toAgency));
  }

  async byIds(ids: readonly string[]): Promise<Map<string, Agency>> {
    const rows = await this.db.tx(() => this.db.many(agenciesByIds, [ids]));
    return new Map(rows.map((r) => [r.id, toAgency(r)]));
  }

  async get(id: string): Promise<Agency> {
    const agency = (await this.byIds([id])).get(id);
    if (!agency) throw Errors.notFound('agency', id);
    return agency;
  }

  async taskForce(): Promise<TaskForce> {
    return this.db.tx(() => this.db.row(taskForceById, [this.ctx.principal.taskForceId]));
  }

  private validateKind(kind: AgencyKind, ori: string | null | undefined): void {
    if (kind === AgencyKind.LAW_ENFORCEMENT && !ori)
      throw Errors.badInput('A law-enforcement agency needs its ORI (e.g. WY0110000).', { field: 'ori' });
  }

  async create(input: CreateAgencyInput): Promise<CreateAgencyPayload> {
    const p = this.ctx.principal;
    this.validateKind(input.kind, input.ori);
    try {
      return await this.db.tx(async () => {
        const rows = await this.db.many(insertAgency, [
          p.taskForceId,
          input.name,
          input.shortCode,
          input.level,
          input.kind,
          input.ori ?? null,
          input.contactName ?? null,
          input.contactPhone ?? null,
          input.contactEmail ?? null,
        ]);
        const agency = toAgency(rows[0]);
        await this.audit.record({
          action: 'agency.create',
          recordType: 'agency',
          recordId: agency.id,
          subjectAgencyId: agency.id,
          changes: diffFields(null, {
            name: agency.name,
            shortCode: agency.shortCode,
            level: agency.level,
            kind: agency.kind,
            ori: agency.ori,
          }),
        });
        const admin = await this.users.insertUser(agency.id, input.firstAdmin, [Role.AGENCY_ADMIN]);
        return { agency, firstAdminUserId: admin.id };
      });
    } catch (e) {
      const c = uniqueViolation(e);
      if (c && CONSTRAINT_MESSAGES[c]) throw Errors.conflict(CONSTRAINT_MESSAGES[c]);
      throw e;
    }
  }

  async update(input: UpdateAgencyInput): Promise<Agency> {
    const p = this.ctx.principal;
    try {
      return await this.db.tx(async () => {
        this.policy.assertCanUpdateAgency(p, input.id, input.active !== undefined || input.ori !== undefined);
        const before = await this.db.one(agencyForUpdate, [input.id]);
        if (!before) throw Errors.notFound('agency', input.id, 'agency.update');
        if (input.active === false && input.id === p.agencyId) throw Errors.badInput('You cannot deactivate your own agency.');
        const next = {
          name: input.name ?? before.name,
          ori: input.ori ?? before.ori,
          contactName: input.contactName ?? before.contact_name,
          contactPhone: input.contactPhone ?? before.contact_phone,
          contactEmail: input.contactEmail ?? before.contact_email,
          active: input.active ?? before.active,
        };
        this.validateKind(before.kind, next.ori);
        this.db.checkVersion('agency', before, input.version);
        const version = await this.db.update(updateAgency, input.id, input.version, next);
        let sessionsRevoked: number | undefined;
        if (before.active && !next.active) sessionsRevoked = await this.db.run(revokeAgencySessions, [input.id]);
        const prev = {
          name: before.name,
          ori: before.ori,
          contactName: before.contact_name,
          contactPhone: before.contact_phone,
          contactEmail: before.contact_email,
          active: before.active,
        };
        await this.audit.record({
          action: 'agency.update',
          recordType: 'agency',
          recordId: input.id,
          subjectAgencyId: input.id,
          changes: { ...diffFields(prev, next), ...(sessionsRevoked !== undefined ? { sessionsRevoked } : {}) },
        });
        return toAgency({
          ...before,
          name: next.name,
          ori: next.ori,
          contact_name: next.contactName,
          contact_phone: next.contactPhone,
          contact_email: next.contactEmail,
          active: next.active,
          version,
        });
      });
    } catch (e) {
      const c = uniqueViolation(e);
      if (c && CONSTRAINT_MESSAGES[c]) throw Errors.conflict(CONSTRAINT_MESSAGES[c]);
      throw e;
    }
  }
}
