import { Inject, Injectable } from '@nestjs/common';
import { Db, Errors, must, RequestContext, SYSTEM_KEYS_TOKEN, SystemKeys } from '@app/core';
import { deconflictionCheck, deconflictIdentifier, identifiersOfCases, identifiersOfOwners, insertIdentifier } from './identifiers.sql';
import { AgenciesService } from '@app/agencies';
import { AuditService } from '@app/audit';
import { IdentifierKind } from './identifiers/identifier-kind';
import { blindIndex, normalizeIdentifier } from './identifiers/normalize';
import { DeconflictionMatch, Identifier, IdentifierInput } from './graphql/lead.graphql-types';
import type { CaseIdentifier } from './graphql/case.graphql-types';

export type IdentifierOwner = 'LEAD' | 'CASE' | 'SUBJECT';

/**
 * Identifiers on leads, cases and subjects: stored with a keyed blind index, and deconflicted
 * against every other agency of the task force the moment they are recorded.
 */
@Injectable()
export class IdentifiersService {
  private readonly indexKey: Buffer;

  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    @Inject(SYSTEM_KEYS_TOKEN) keys: SystemKeys,
  ) {
    this.indexKey = keys['deconfliction-blind-index'];
  }

  private canonical(input: IdentifierInput): { normalized: string; index: Buffer } {
    const normalized = normalizeIdentifier(input.kind, input.value, input.birthDate);
    if (!normalized) {
      const hint: Record<IdentifierKind, string> = {
        PHONE: 'a phone number with area code (e.g. 307-555-0142) or +country code',
        ADDRESS: 'a street address with a number',
        HANDLE: 'an online handle without spaces',
        PLATE: 'a plate of 2 to 10 letters or digits',
        PERSON: 'a full name (first and last) and a birthDate as YYYY-MM-DD',
      };
      throw Errors.badInput(
        `The ${input.kind.toLowerCase()} identifier "${input.value.slice(0, 40)}" is not valid: expected ${hint[input.kind]}.`,
        { field: 'identifiers' },
      );
    }
    return { normalized, index: blindIndex(this.indexKey, input.kind, normalized) };
  }

  /** Validates all identifiers before anything is written. */
  validate(inputs: IdentifierInput[]): void {
    inputs.forEach((i) => this.canonical(i));
  }

  /** Records identifiers in the caller's transaction and returns the deconfliction matches. */
  async record(
    owner: IdentifierOwner,
    ownerId: string,
    inputs: IdentifierInput[],
    caseId: string | null = null,
  ): Promise<DeconflictionMatch[]> {
    const p = this.ctx.principal;
    const matches = new Map<string, IdentifierKind>();
    for (const input of inputs) {
      const { index } = this.canonical(input);
      const row = await this.db.row(insertIdentifier, [
        p.agencyId,
        owner,
        ownerId,
        input.kind,
        input.value.trim(),
        input.birthDate ?? null,
        index,
        p.userId,
        caseId,
      ]);
      const rows = await this.db.many(deconflictIdentifier, [row.id]);
      for (const m of rows) {
        matches.set(`${m.other_agency_id}|${m.kind}`, m.kind);
        await this.audit.record({
          action: 'deconfliction.match',
          recordType: 'identifier',
          recordId: row.id,
          subjectAgencyId: m.other_agency_id,
          changes: { kind: m.kind, otherAgencyId: m.other_agency_id },
        });
      }
    }
    return this.toMatches([...matches.entries()].map(([k, kind]) => ({ agencyId: k.split('|')[0], kind })));
  }

  /** "Does anyone else work this?" before acting: names agencies only, records nothing but the audit. */
  async check(input: IdentifierInput): Promise<DeconflictionMatch[]> {
    const { index } = this.canonical(input);
    return this.db.tx(async () => {
      const rows = await this.db.many(deconflictionCheck, [input.kind, index]);
      await this.audit.record({
        action: 'deconfliction.check',
        recordType: 'identifier',
        changes: { kind: input.kind, matches: rows.length },
      });
      return this.toMatches(rows.map((r) => ({ agencyId: r.other_agency_id, kind: input.kind })));
    });
  }

  private async toMatches(list: { agencyId: string; kind: IdentifierKind }[]): Promise<DeconflictionMatch[]> {
    if (!list.length) return [];
    const agencies = await this.agencies.byIds([...new Set(list.map((m) => m.agencyId))]);
    return list.flatMap((m) => {
      const agency = agencies.get(m.agencyId);
      return agency ? [{ agency, kind: m.kind }] : [];
    });
  }

  /** Identifiers of many owners in one query (no N+1). */
  async forOwners(owner: IdentifierOwner, ownerIds: string[]): Promise<Map<string, Identifier[]>> {
    const out = new Map<string, Identifier[]>(ownerIds.map((id) => [id, []]));
    if (!ownerIds.length) return out;
    const rows = await this.db.many(identifiersOfOwners, [owner, ownerIds]);
    for (const r of rows) out.get(r.owner_id)?.push({ id: r.id, kind: r.kind, value: r.value, birthDate: r.birth_date });
    return out;
  }

  /**
   * Identifiers that belong to cases (the case's own, its subjects' and those of the lead it was
   * promoted from), by case, in one query, each with where it was recorded. RLS lets every agency
   * on the case read them.
   */
  async forCases(caseIds: readonly string[]): Promise<Map<string, CaseIdentifier[]>> {
    const out = new Map<string, CaseIdentifier[]>(caseIds.map((id) => [id, []]));
    if (!caseIds.length) return out;
    const rows = await this.db.tx(() => this.db.many(identifiersOfCases, [caseIds]));
    for (const r of rows)
      out
        .get(must(r.case_id, "an identifier's case"))
        ?.push({ id: r.id, kind: r.kind, value: r.value, birthDate: r.birth_date, source: r.owner_type, sourceId: r.owner_id });
    return out;
  }
}
