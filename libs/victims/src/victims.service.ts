import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy } from '@app/access';
import { AgenciesService } from '@app/agencies';
import { AuditService, diffFields, AuditOutcome } from '@app/audit';
import { CasesService, normalizePerson } from '@app/cases';
import {
  Connection,
  Db,
  decodeTimeIdCursor,
  Errors,
  RequestContext,
  SYSTEM_KEYS_TOKEN,
  SystemKeys,
  toBatchConnection,
  today,
  checkDay,
} from '@app/core';
import { IdentityVault, identityAad } from './identity-vault.service';
import { DeadlinesService } from './deadlines/deadlines.service';
import { VictimHooks } from './victim-hooks';
import { IDENTITY_FIELD_NAMES, IDENTITY_FIELDS, IdentityDenial, IdentityField } from './victims.enums';
import { loaded } from './loaded';
import {
  advocateOfAgency,
  casesOfVictims,
  consentsNaming,
  custodianOfVictim,
  identityForUpdate,
  identityOf,
  identityReadFacts,
  insertIdentity,
  insertVictim,
  linkVictimToCase,
  linkVictimToCaseOnce,
  nextVictimNumber,
  resealIdentity,
  setIdentityIndex,
  updateVictim,
  victimById,
  victimPage,
  victimsByIdentityIndex,
} from './victims.sql';
import type { VictimRow } from './victims.sql';

import {
  FindVictimInput,
  IdentityAccess,
  LinkVictimInput,
  RegisterVictimInput,
  RegisterVictimPayload,
  UpdateVictimIdentityInput,
  UpdateVictimInput,
  Victim,
  VictimIdentity,
} from './graphql/victim.graphql-types';

type ProfileField = keyof typeof updateVictim.columns;
const PROFILE_FIELDS = Object.keys(updateVictim.columns) as ProfileField[];

/**
 * Victims: a pseudonymous profile anyone on a linked case sees, and a confidential identity that
 * only the custodial agency's advocates, supervisors and assigned investigators read, or another
 * agency under a live consent naming it. Every identity read states a purpose and is audited.
 */
@Injectable()
export class VictimsService {
  private readonly indexKey: Buffer;

  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly vault: IdentityVault,
    private readonly deadlines: DeadlinesService,
    private readonly hooks: VictimHooks,
    private readonly cases: CasesService,
    @Inject(SYSTEM_KEYS_TOKEN) keys: SystemKeys,
  ) {
    this.indexKey = keys['victim-blind-index'];
  }

  /** Keyed blind index of name and date of birth, for exact-match search inside an agency. */
  private identityIndex(legalName: string, birthDate: string | null | undefined): Buffer | null {
    const normalized = birthDate ? normalizePerson(legalName, birthDate) : null;
    return normalized ? createHmac('sha256', this.indexKey).update(normalized).digest() : null;
  }

  private async toVictims(rows: VictimRow[]): Promise<Victim[]> {
    if (!rows.length) return [];
    const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
    // Cases the reader cannot see drop out of the join (RLS on cases).
    const links = await this.db.many(casesOfVictims, [rows.map((r) => r.id)]);
    return rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      code: r.code,
      ageBand: r.age_band,
      minorAtExploitation: r.minor_at_exploitation,
      gender: r.gender,
      traffickingType: r.trafficking_type,
      riskFactors: r.risk_factors,
      safetyFlags: r.safety_flags,
      custodialAgency: loaded(agencies, r.agency_id, 'agency'),
      custodial: r.agency_id === this.ctx.principal.agencyId,
      createdAt: r.created_at,
      version: r.version,
      crimeDate: r.crime_date,
      identifiedOn: r.identified_on,
      advocate: r.advocate_id ? { id: r.advocate_id, displayName: r.advocate_name } : null,
      cases: links.filter((l) => l.victim_id === r.id).map((l) => ({ caseId: l.case_id, caseNumber: l.number, caseTitle: l.title })),
    }));
  }

  private async load(id: string): Promise<Victim | undefined> {
    const rows = await this.db.many(victimById, [id]);
    return (await this.toVictims(rows))[0];
  }

  async get(id: string): Promise<Victim> {
    return this.db.tx(async () => {
      const victim = await this.load(id);
      if (!victim) throw Errors.notFound('victim', id);
      return victim;
    });
  }

  async list(custodial: boolean | undefined, first: number, after?: string): Promise<Connection<Victim>> {
    // The agency's own victims by its index, the others it reaches from their set (see victimPage).
    const { stmt, params } = victimPage(custodial, decodeTimeIdCursor(after), first);
    return this.db.tx(async () => {
      const rows = await this.db.many(stmt, params);
      const victims = await this.toVictims(rows);
      return toBatchConnection(rows, victims, first, (r) => [r.created_key, r.id]);
    });
  }

  /** Exact match on name and date of birth inside the caller's agency (blind index; no plaintext search). */
  async find(input: FindVictimInput): Promise<Victim[]> {
    const index = this.identityIndex(input.legalName, input.birthDate);
    if (!index) throw Errors.badInput('Give a full name (first and last) and a date of birth to search.', { field: 'legalName' });
    return this.db.tx(async () => {
      const rows = await this.db.many(victimsByIdentityIndex, [index]);
      await this.audit.record({ action: 'victim.search', recordType: 'victim', changes: { matches: rows.length } });
      return this.toVictims(rows);
    });
  }

  /** The dates the deadlines hang on: real, not in the future, the crime no later than the identification. */
  private checkDates(crimeDate: string | null | undefined, identifiedOn: string): void {
    checkDay(crimeDate, 'crimeDate', { notFuture: true });
    checkDay(identifiedOn, 'identifiedOn', { notFuture: true });
    if (crimeDate && crimeDate > identifiedOn)
      throw Errors.badInput('The crime cannot come after the day the victim was identified.', { field: 'crimeDate' });
  }

  /** An advocate carries the record: an active advocate or supervisor of the caller's agency. */
  private async checkAdvocate(advocateId: string | null | undefined): Promise<void> {
    if (!advocateId) return;
    const advocate = await this.db.one(advocateOfAgency, [advocateId, this.ctx.principal.agencyId]);
    if (!advocate)
      throw Errors.badInput('The advocate must be an active victim advocate or supervisor of your agency.', { field: 'advocateId' });
  }

  async register(input: RegisterVictimInput): Promise<RegisterVictimPayload> {
    const p = this.ctx.principal;
    const id = input.identity;
    checkDay(id.birthDate, 'birthDate', { notFuture: true });
    const identifiedOn = input.identifiedOn ?? today();
    this.checkDates(input.crimeDate, identifiedOn);
    const advocateId = input.advocateId ?? (p.roles.includes('VICTIM_ADVOCATE') ? p.userId : null);
    const index = this.identityIndex(id.legalName, id.birthDate);
    return this.db.tx(async () => {
      for (const caseId of input.caseIds) await this.cases.require(caseId, 'READ', 'victim.register');
      await this.checkAdvocate(input.advocateId);
      const duplicates: VictimRow[] = index ? await this.db.many(victimsByIdentityIndex, [index]) : [];
      const year = new Date().getUTCFullYear();
      const counter = await this.db.one(nextVictimNumber, [p.taskForceId, year]);
      if (!counter) throw new Error('the victim counter returned no row');
      const code = `V-${year}-${String(counter.last_value).padStart(4, '0')}`;
      const inserted = await this.db.one(insertVictim, [
        p.taskForceId,
        p.agencyId,
        code,
        input.ageBand,
        input.minorAtExploitation,
        input.gender,
        input.traffickingType,
        input.riskFactors,
        input.safetyFlags,
        index,
        p.userId,
        input.crimeDate ?? null,
        identifiedOn,
        advocateId,
      ]);
      if (!inserted) throw new Error('the victim insert returned no row');
      const victimId = inserted.id;
      const { version, box } = await this.vault.current(p.agencyId);
      const given = IDENTITY_FIELD_NAMES.filter((f) => id[f] !== undefined && id[f] !== null && id[f] !== '');
      const sealed = given.map((f) => box.seal(String(id[f]).trim(), identityAad(victimId, IDENTITY_FIELDS[f].column, version)));
      await this.db.run(insertIdentity(given), [victimId, p.agencyId, version, ...sealed]);
      for (const caseId of input.caseIds) await this.db.run(linkVictimToCase, [victimId, caseId, p.agencyId, p.userId]);
      await this.audit.record({
        action: 'victim.register',
        recordType: 'victim',
        recordId: victimId,
        changes: {
          ...diffFields(null, {
            code,
            ageBand: input.ageBand,
            minorAtExploitation: input.minorAtExploitation,
            gender: input.gender,
            traffickingType: input.traffickingType,
            riskFactors: input.riskFactors,
            safetyFlags: input.safetyFlags,
            caseIds: input.caseIds,
            crimeDate: input.crimeDate ?? null,
            identifiedOn,
            advocateId,
          }),
          identity: { fields: given, values: '[confidential]' },
          possibleDuplicates: duplicates.length,
        },
      });
      await this.deadlines.recompute(victimId, id.birthDate ?? null);
      await this.hooks.factsChanged(victimId);
      return { victim: await this.get(victimId), possibleDuplicates: await this.toVictims(duplicates) };
    });
  }

  /** Changes the pseudonymous profile and the facts deadlines hang on; the custodial agency only. */
  async update(input: UpdateVictimInput): Promise<Victim> {
    const changed = PROFILE_FIELDS.filter((f) => input[f] !== undefined);
    if (!changed.length) throw Errors.badInput('Nothing to change: give at least one field.');
    for (const f of [
      'ageBand',
      'minorAtExploitation',
      'gender',
      'traffickingType',
      'riskFactors',
      'safetyFlags',
      'identifiedOn',
    ] as const) {
      if (input[f] === null) throw Errors.badInput(`${f} cannot be cleared.`, { field: f });
    }
    return this.db.tx(async () => {
      const before = await this.db.one(victimById, [input.id]);
      if (!before) throw Errors.notFound('victim', input.id, 'victim.update');
      this.policy.assertCustodial(this.ctx.principal, before.agency_id, input.id, 'victim.update', 'changes it');
      this.db.checkVersion('victim', before, input.version);
      const old: Record<ProfileField, unknown> = {
        ageBand: before.age_band,
        minorAtExploitation: before.minor_at_exploitation,
        gender: before.gender,
        traffickingType: before.trafficking_type,
        riskFactors: before.risk_factors,
        safetyFlags: before.safety_flags,
        crimeDate: before.crime_date,
        identifiedOn: before.identified_on,
        advocateId: before.advocate_id,
      };
      this.checkDates(input.crimeDate !== undefined ? input.crimeDate : before.crime_date, input.identifiedOn ?? before.identified_on);
      if (input.advocateId) await this.checkAdvocate(input.advocateId);
      await this.db.update(updateVictim, input.id, input.version, Object.fromEntries(changed.map((f) => [f, input[f]])));
      await this.audit.record({
        action: 'victim.update',
        recordType: 'victim',
        recordId: input.id,
        changes: diffFields(Object.fromEntries(changed.map((f) => [f, old[f]])), Object.fromEntries(changed.map((f) => [f, input[f]]))),
      });
      await this.deadlines.recompute(input.id);
      await this.hooks.factsChanged(input.id);
      return this.get(input.id);
    });
  }

  /** A victim the caller can see and its agency keeps (NOT_FOUND, or FORBIDDEN saying what only the custodial agency does); its agency. */
  async requireCustodial(victimId: string, action: string, doing: string): Promise<string> {
    const v = await this.db.one(custodianOfVictim, [victimId]);
    if (!v) throw Errors.notFound('victim', victimId, action);
    this.policy.assertCustodial(this.ctx.principal, v.agency_id, victimId, action, doing);
    return v.agency_id;
  }

  /**
   * Corrects the confidential identity: the custodial agency's advocates and supervisors. Every
   * value is sealed again under the agency's current data key (a new version of the row), the
   * name-and-birth-date index is re-made, and the deadlines re-computed. The audit names the
   * fields changed, never their values.
   */
  async updateIdentity(input: UpdateVictimIdentityInput): Promise<IdentityAccess> {
    const p = this.ctx.principal;
    const changed = IDENTITY_FIELD_NAMES.filter((f) => input.changes[f] !== undefined);
    if (!changed.length) throw Errors.badInput('Nothing to change: give at least one identity field.');
    if (input.changes.legalName === null) throw Errors.badInput('legalName cannot be cleared.', { field: 'legalName' });
    checkDay(input.changes.birthDate, 'birthDate', { notFuture: true });
    return this.db.tx(async () => {
      const agencyId = await this.requireCustodial(input.victimId, 'victim.identity.update', 'corrects the identity');
      this.policy.assertCanEditIdentity(p, agencyId, input.victimId);
      const row = await this.db.one(identityForUpdate, [input.victimId]);
      if (!row) throw Errors.notFound('victim', input.victimId, 'victim.identity.update');
      this.db.checkVersion('identity', row, input.version);
      const oldVersion = row.key_version;
      const oldBox = await this.vault.box(agencyId, oldVersion);
      const values = Object.fromEntries(
        IDENTITY_FIELD_NAMES.map((f) => {
          const sealed = row[IDENTITY_FIELDS[f].column];
          return [
            f,
            typeof sealed === 'string' ? oldBox.open(sealed, identityAad(input.victimId, IDENTITY_FIELDS[f].column, oldVersion)) : null,
          ];
        }),
      ) as Record<IdentityField, string | null>;
      const actuallyChanged = changed.filter((f) => (input.changes[f] ?? null) !== values[f]);
      for (const f of changed) values[f] = input.changes[f] === null || input.changes[f] === '' ? null : String(input.changes[f]).trim();
      const legalName = values.legalName;
      if (legalName === null) throw Errors.badInput('legalName cannot be cleared.', { field: 'legalName' });
      const { version, box } = await this.vault.current(agencyId);
      const sealed = IDENTITY_FIELD_NAMES.map((f) => {
        const value = values[f];
        return value === null ? null : box.seal(value, identityAad(input.victimId, IDENTITY_FIELDS[f].column, version));
      });
      const resealed = await this.db.one(resealIdentity, [input.victimId, input.version, version, ...sealed]);
      if (!resealed) throw Errors.stale('identity');
      await this.db.run(setIdentityIndex, [input.victimId, this.identityIndex(legalName, values.birthDate)]);
      await this.audit.record({
        action: 'victim.identity.update',
        recordType: 'victim',
        recordId: input.victimId,
        purpose: input.reason,
        changes: { fields: actuallyChanged, values: '[confidential]' },
      });
      await this.deadlines.recompute(input.victimId, values.birthDate);
      return this.identity(input.victimId, input.reason);
    });
  }

  async link(input: LinkVictimInput): Promise<Victim> {
    const p = this.ctx.principal;
    return this.db.tx(async () => {
      await this.requireCustodial(input.victimId, 'victim.link', 'links it to cases');
      await this.cases.require(input.caseId, 'READ', 'victim.link');
      const linked = await this.db.run(linkVictimToCaseOnce, [input.victimId, input.caseId, p.agencyId, p.userId]);
      if (linked !== 1) throw Errors.badInput('The victim is already linked to that case.', { field: 'caseId' });
      await this.audit.record({
        action: 'victim.link',
        recordType: 'victim',
        recordId: input.victimId,
        changes: { caseId: { to: input.caseId } },
      });
      return this.get(input.victimId);
    });
  }

  /**
   * Reads the identity for a stated purpose. Refusals are answers (identity null, with the reason),
   * not errors, so a list of victims still renders; every attempt is audited with its purpose.
   */
  async identity(victimId: string, purpose: string): Promise<IdentityAccess> {
    const p = this.ctx.principal;
    const trimmed = purpose.trim();
    if (trimmed.length < 3 || trimmed.length > 300)
      throw Errors.badInput('State the purpose of reading this identity (3 to 300 characters).', { field: 'purpose' });
    return this.db.tx(async () => {
      const facts = await this.db.one(identityReadFacts, [victimId, p.userId]);
      const base = {
        action: 'victim.identity.read',
        recordType: 'victim',
        recordId: victimId,
        subjectAgencyId: facts?.agency_id,
        purpose: trimmed,
      };
      const refuse = async (denial: IdentityDenial): Promise<IdentityAccess> => {
        await this.audit.record({ ...base, outcome: AuditOutcome.DENIED, changes: { denial } });
        return { identity: null, denial, released: [], version: null };
      };
      // Out of sight since the victim was read (a consent revoked, a share ended): refused like any other,
      // with its purpose (the database names the custodial agency on the event).
      if (!facts) return refuse(IdentityDenial.NOT_PERMITTED);
      const consents = await this.db.many(consentsNaming, [victimId, p.agencyId]);
      const release = this.policy.identityRelease(p, {
        custodialAgencyId: facts.agency_id,
        assignedInvestigator: facts.assigned,
        consents,
        mandatoryReferral: facts.mandatory,
      });
      if (release.denial) return refuse(IdentityDenial[release.denial]);
      const fields: IdentityField[] = release.all
        ? IDENTITY_FIELD_NAMES
        : IDENTITY_FIELD_NAMES.filter((f) => {
            const scope = IDENTITY_FIELDS[f].scope;
            return scope !== null && release.scopes.includes(scope);
          });
      const row = await this.db.one(identityOf, [victimId]);
      // The policy said yes but row-level security did not: the database has the last word.
      if (!row) return refuse(IdentityDenial.NOT_PERMITTED);
      const box = await this.vault.box(facts.agency_id, row.key_version);
      const identity = Object.fromEntries(IDENTITY_FIELD_NAMES.map((f) => [f, null])) as unknown as VictimIdentity;
      const read: IdentityField[] = [];
      for (const f of fields) {
        const sealed = row[IDENTITY_FIELDS[f].column];
        if (typeof sealed !== 'string') continue;
        (identity as unknown as Record<string, string>)[f] = box.open(
          sealed,
          identityAad(victimId, IDENTITY_FIELDS[f].column, row.key_version),
        );
        read.push(f);
      }
      await this.audit.record({ ...base, outcome: AuditOutcome.SUCCESS, changes: { fields: read } });
      return { identity, denial: null, released: fields, version: row.version };
    });
  }
}
