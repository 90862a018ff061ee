import { Injectable } from '@nestjs/common';
import { Connection, Db, decodeTimeIdCursor, must, toConnection } from '@app/core';
import { AgenciesService } from '@app/agencies';
import { deconflictionNoticePage } from './identifiers.sql';
import { DeconflictionNotice } from './graphql/lead.graphql-types';

/** The caller's agency's deconfliction notices: its own identifier, and whom to call. */
@Injectable()
export class DeconflictionService {
  constructor(
    private readonly db: Db,
    private readonly agencies: AgenciesService,
  ) {}

  async list(first: number, after?: string): Promise<Connection<DeconflictionNotice>> {
    const cursor = decodeTimeIdCursor(after);
    return this.db.tx(async () => {
      const rows = await this.db.many(deconflictionNoticePage, [cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1]);
      const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.other_agency_id))]);
      return toConnection(
        rows,
        first,
        (r) => [r.created_key, r.id],
        (r) => ({
          id: r.id,
          otherAgency: must(agencies.get(r.other_agency_id), 'the other agency of a notice'),
          kind: r.kind,
          identifierValue: r.value,
          createdAt: r.created_at,
          acknowledgedAt: r.acknowledged_at,
        }),
      );
    });
  }
}
