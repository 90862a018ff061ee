import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy, VICTIM_VISIBILITY } from '@app/access';
import { AgenciesService } from '@app/agencies';
import { AuditService, diffFields, AuditOutcome } from '@app/audit';
import { CasesService, normalizePerson, TraffickingType } from '@app/cases';
import {
  Connection,
  Db,
  decodeTimeIdCursor,
  Errors,
  RequestContext,
  SqlWhere,
  SYSTEM_KEYS_TOKEN,
  SystemKeys,
  timeKeySql,
  toBatchConnection,
  today,
  checkDay,
  unionOfWays,
} from '@app/core';
import { IdentityVault, identityAad } from './identity-vault.service';
import { DeadlinesService } from './deadlines/deadlines.service';
import { VictimHooks } from './victim-hooks';
import {
  AgeBand,
  Gender,
  IDENTITY_FIELD_NAMES,
  IDENTITY_FIELDS,
  IdentityDenial,
  IdentityField,
  RiskFactor,
  SafetyFlag,
} from './victims.enums';
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

interface VictimRow {
  id: string;
  agency_id: string;
  code: string;
  age_band: AgeBand;
  minor_at_exploitation: boolean;
  gender: Gender;
  trafficking_type: TraffickingType;
  risk_factors: RiskFactor[];
  safety_flags: SafetyFlag[];
  created_at: Date;
  created_key: string;
  version: number;
  crime_date: string | null;
  identified_on: string;
  advocate_id: string | null;
  advocate_name: string | null;
}

const COLUMNS = `SELECT v.id, v.agency_id, v.code, v.age_band, v.minor_at_exploitation, v.gender, v.trafficking_type, v.risk_factors,
  v.safety_flags, v.created_at, ${timeKeySql('v.created_at')} AS created_key, v.version, to_char(v.crime_date, 'YYYY-MM-DD') AS crime_date,
  to_char(v.identified_on, 'YYYY-MM-DD') AS identified_on, v.advocate_id, adv.display_name AS advocate_name`;
const WITH_ADVOCATE = 'LEFT JOIN users adv ON adv.id = v.advocate_id';
const SELECT = `${COLUMNS} FROM victims v ${WITH_ADVOCATE}`;
/** The profile fields an update may change, and their columns. */
const PROFILE_COLUMNS = {
  ageBand: 'age_band',
  minorAtExploitation: 'minor_at_exploitation',
  gender: 'gender',
  traffickingType: 'trafficking_type',
  riskFactors: 'risk_factors',
  safetyFlags: 'safety_flags',
  crimeDate: 'crime_date',
  identifiedOn: 'identified_on',
  advocateId: 'advocate_id',
} as const;
type ProfileField = keyof typeof PROFILE_COLUMNS;
const PROFILE_FIELDS = Object.keys(PROFILE_COLUMNS) as ProfileField[];

/** Who can see a victim at all: the access policy's rule (libs/access/src/visibility.sql.ts); RLS says the same. */
const { custodial: CUSTODIAL, reachable: REACHABLE, visible: VISIBLE } = VICTIM_VISIBILITY;
const NEWEST_FIRST = 'v.created_at DESC, v.id DESC';

/** The state of a consent today, by the database clock. */
export const CONSENT_STATE_SQL = `CASE WHEN k.revoked_at IS NOT NULL THEN 'REVOKED' WHEN current_date >= k.expires_on THEN 'EXPIRED'
  WHEN current_date < k.signed_on THEN 'PENDING' ELSE 'LIVE' END`;

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
  private identityIndex(legalName: string, birthDate: string | undefined): Buffer | null {
    const normalized = birthDate ? normalizePerson(legalName, birthDate) : null;
    return normalized ? createHmac('sha256', this.indexKey).update(normalized).digest() : null;
  }

  private async toVictims(rows: VictimRow[]): Promise<Victim[]> {
    if (!rows.length) return [];
    const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.agency_id))]);
    // Cases the reader cannot see drop out of the join (RLS on cases).
    const links: { victim_id: string; case_id: string; number: string; title: string }[] = await this.db.em.query(
      `SELECT vc.victim_id, c.id AS case_id, c.number, c.title FROM victim_cases vc JOIN cases c ON c.id = vc.case_id
       WHERE vc.victim_id = ANY($1) ORDER BY c.opened_at`,
      [rows.map((r) => r.id)],
    );
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
      custodialAgency: agencies.get(r.agency_id)!,
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
    const rows: VictimRow[] = await this.db.em.query(`${SELECT} WHERE v.id = $1 AND ${VISIBLE}`, [id]);
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
    const cursor = decodeTimeIdCursor(after);
    const w = new SqlWhere();
    if (cursor) w.add('(v.created_at, v.id) < (?::timestamptz, ?::uuid)', cursor[0], cursor[1]);
    const limit = w.param(first + 1);
    // The agency's own victims by its index, the others it reaches from their set (see unionOfWays).
    const ways = custodial === true ? [CUSTODIAL] : custodial === false ? [REACHABLE] : [CUSTODIAL, REACHABLE];
    const page = unionOfWays('victims', 'v', ways, w, NEWEST_FIRST, limit);
    return this.db.tx(async () => {
      const rows = await this.db.prepared<VictimRow>(
        `${COLUMNS} FROM (${page}) v ${WITH_ADVOCATE} ORDER BY ${NEWEST_FIRST} LIMIT ${limit}`,
        w.params,
      );
      const victims = await this.toVictims(rows);
      return toBatchConnection(rows, victims, first, (r) => [r.created_key, r.id]);
    });
  }

  /** Exact match on name and date of birth inside the caller's agency (blind index; no plaintext search). */
  async find(input: FindVictimInput): Promise<Victim[]> {
    const index = this.identityIndex(input.legalName, input.birthDate);
    if (!index) throw Errors.badInput('Give a full name (first and last) and a date of birth to search.', { field: 'legalName' });
    return this.db.tx(async (em) => {
      const rows: VictimRow[] = await em.query(
        `${SELECT} WHERE v.agency_id = app_agency_id() AND v.identity_index = $1 ORDER BY v.created_at`,
        [index],
      );
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
    const { rows } = await this.db.exec(
      `SELECT 1 FROM users WHERE id = $1 AND agency_id = $2 AND active AND roles && ARRAY['VICTIM_ADVOCATE','SUPERVISOR']`,
      [advocateId, this.ctx.principal.agencyId],
    );
    if (!rows.length)
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
    return this.db.tx(async (em) => {
      for (const caseId of input.caseIds) await this.cases.require(caseId, 'READ', 'victim.register');
      await this.checkAdvocate(input.advocateId);
      const duplicates: VictimRow[] = index
        ? await em.query(`${SELECT} WHERE v.agency_id = app_agency_id() AND v.identity_index = $1 ORDER BY v.created_at`, [index])
        : [];
      const year = new Date().getUTCFullYear();
      const {
        rows: [counter],
      } = await this.db.exec<{ last_value: number }>(
        `INSERT INTO task_force_counters (task_force_id, kind, year, last_value) VALUES ($1, 'VICTIM', $2, 1)
         ON CONFLICT (task_force_id, kind, year) DO UPDATE SET last_value = task_force_counters.last_value + 1 RETURNING last_value`,
        [p.taskForceId, year],
      );
      const code = `V-${year}-${String(counter.last_value).padStart(4, '0')}`;
      const {
        rows: [{ id: victimId }],
      } = await this.db.exec<{ id: string }>(
        `INSERT INTO victims (task_force_id, agency_id, code, age_band, minor_at_exploitation, gender, trafficking_type, risk_factors, safety_flags,
           identity_index, created_by, crime_date, identified_on, advocate_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
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
        ],
      );
      const { version, box } = await this.vault.current(p.agencyId);
      const given = IDENTITY_FIELD_NAMES.filter((f) => id[f] !== undefined && id[f] !== null && id[f] !== '');
      const sealed = given.map((f) => box.seal(String(id[f]).trim(), identityAad(victimId, IDENTITY_FIELDS[f].column, version)));
      await this.db.exec(
        `INSERT INTO victim_identities (victim_id, agency_id, key_version, ${given.map((f) => IDENTITY_FIELDS[f].column).join(', ')})
         VALUES ($1, $2, $3, ${given.map((_, i) => `$${i + 4}`).join(', ')})`,
        [victimId, p.agencyId, version, ...sealed],
      );
      for (const caseId of input.caseIds) {
        await this.db.exec(`INSERT INTO victim_cases (victim_id, case_id, agency_id, linked_by) VALUES ($1, $2, $3, $4)`, [
          victimId,
          caseId,
          p.agencyId,
          p.userId,
        ]);
      }
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
      return { victim: (await this.load(victimId))!, possibleDuplicates: await this.toVictims(duplicates) };
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
    return this.db.tx(async (em) => {
      const [before]: VictimRow[] = await em.query(`${SELECT} WHERE v.id = $1 AND ${VISIBLE}`, [input.id]);
      if (!before) throw Errors.notFound('victim', input.id, 'victim.update');
      this.policy.assertCustodial(this.ctx.principal, before.agency_id, input.id, 'victim.update', 'changes it');
      if (before.version !== input.version)
        throw Errors.conflict('This victim record changed since you read it. Reload and try again.', { currentVersion: before.version });
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
      const { rowCount } = await this.db.exec(
        `UPDATE victims SET ${changed.map((f, i) => `${PROFILE_COLUMNS[f]} = $${i + 3}`).join(', ')}, updated_at = now(), version = version + 1
         WHERE id = $1 AND version = $2`,
        [input.id, input.version, ...changed.map((f) => input[f])],
      );
      if (rowCount !== 1) throw Errors.conflict('This victim record changed since you read it. Reload and try again.');
      await this.audit.record({
        action: 'victim.update',
        recordType: 'victim',
        recordId: input.id,
        changes: diffFields(Object.fromEntries(changed.map((f) => [f, old[f]])), Object.fromEntries(changed.map((f) => [f, input[f]]))),
      });
      await this.deadlines.recompute(input.id);
      await this.hooks.factsChanged(input.id);
      return (await this.load(input.id))!;
    });
  }

  /** A victim the caller can see and its agency keeps (NOT_FOUND, or FORBIDDEN saying what only the custodial agency does); its agency. */
  async requireCustodial(victimId: string, action: string, doing: string): Promise<string> {
    const {
      rows: [v],
    } = await this.db.exec<{ agency_id: string }>(`SELECT v.agency_id FROM victims v WHERE v.id = $1 AND ${VISIBLE}`, [victimId]);
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
      const {
        rows: [row],
      } = await this.db.exec<Record<string, string | number | null>>(`SELECT * FROM victim_identities WHERE victim_id = $1 FOR UPDATE`, [
        input.victimId,
      ]);
      if (!row) throw Errors.notFound('victim', input.victimId, 'victim.identity.update');
      if (row.version !== input.version)
        throw Errors.conflict('This identity changed since you read it. Reload and try again.', { currentVersion: row.version });
      const oldVersion = Number(row.key_version);
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
      const { version, box } = await this.vault.current(agencyId);
      const sealed = IDENTITY_FIELD_NAMES.map((f) =>
        values[f] === null ? null : box.seal(values[f]!, identityAad(input.victimId, IDENTITY_FIELDS[f].column, version)),
      );
      const { rowCount } = await this.db.exec(
        `UPDATE victim_identities SET key_version = $3, ${IDENTITY_FIELD_NAMES.map((f, i) => `${IDENTITY_FIELDS[f].column} = $${i + 4}`).join(', ')},
           updated_at = now(), version = version + 1 WHERE victim_id = $1 AND version = $2`,
        [input.victimId, input.version, version, ...sealed],
      );
      if (rowCount !== 1) throw Errors.conflict('This identity changed since you read it. Reload and try again.');
      await this.db.exec(`UPDATE victims SET identity_index = $2, updated_at = now() WHERE id = $1`, [
        input.victimId,
        this.identityIndex(values.legalName!, values.birthDate ?? undefined),
      ]);
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
      const { rowCount } = await this.db.exec(
        `INSERT INTO victim_cases (victim_id, case_id, agency_id, linked_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [input.victimId, input.caseId, p.agencyId, p.userId],
      );
      if (rowCount !== 1) throw Errors.badInput('The victim is already linked to that case.', { field: 'caseId' });
      await this.audit.record({
        action: 'victim.link',
        recordType: 'victim',
        recordId: input.victimId,
        changes: { caseId: { to: input.caseId } },
      });
      return (await this.load(input.victimId))!;
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
      const {
        rows: [facts],
      } = await this.db.exec<{ agency_id: string; assigned: boolean; mandatory: boolean }>(
        `SELECT v.agency_id, EXISTS (SELECT 1 FROM victim_cases vc JOIN cases c ON c.id = vc.case_id
           WHERE vc.victim_id = v.id AND c.agency_id = v.agency_id AND $2::uuid = ANY (c.assignee_ids)) AS assigned,
           app_mandatory_referral_to_me(v.id) AS mandatory
         FROM victims v WHERE v.id = $1 AND ${VISIBLE}`,
        [victimId, p.userId],
      );
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
      const { rows: consents } = await this.db.exec<{ scopes: string[]; state: 'PENDING' | 'LIVE' | 'EXPIRED' | 'REVOKED' }>(
        `SELECT k.scopes, ${CONSENT_STATE_SQL} AS state FROM consents k WHERE k.victim_id = $1 AND k.recipient_agency_id = $2`,
        [victimId, p.agencyId],
      );
      const release = this.policy.identityRelease(p, {
        custodialAgencyId: facts.agency_id,
        assignedInvestigator: facts.assigned,
        consents,
        mandatoryReferral: facts.mandatory,
      });
      if (release.denial) return refuse(release.denial as IdentityDenial);
      const fields: IdentityField[] = release.all
        ? IDENTITY_FIELD_NAMES
        : IDENTITY_FIELD_NAMES.filter((f) => IDENTITY_FIELDS[f].scope !== null && release.scopes!.includes(IDENTITY_FIELDS[f].scope!));
      const {
        rows: [row],
      } = await this.db.exec<Record<string, string | number | null>>(`SELECT * FROM victim_identities WHERE victim_id = $1`, [victimId]);
      // The policy said yes but row-level security did not: the database has the last word.
      if (!row) return refuse(IdentityDenial.NOT_PERMITTED);
      const box = await this.vault.box(facts.agency_id, Number(row.key_version));
      const identity = Object.fromEntries(IDENTITY_FIELD_NAMES.map((f) => [f, null])) as unknown as VictimIdentity;
      const read: IdentityField[] = [];
      for (const f of fields) {
        const sealed = row[IDENTITY_FIELDS[f].column];
        if (typeof sealed !== 'string') continue;
        (identity as unknown as Record<string, string>)[f] = box.open(
          sealed,
          identityAad(victimId, IDENTITY_FIELDS[f].column, Number(row.key_version)),
        );
        read.push(f);
      }
      await this.audit.record({ ...base, outcome: AuditOutcome.SUCCESS, changes: { fields: read } });
      return { identity, denial: null, released: fields, version: Number(row.version) };
    });
  }
}
