import { Injectable } from '@nestjs/common';
import { Connection, Db, decodeTimeIdCursor, timeKeySql, toConnection } from '@app/core';
import { AgenciesService } from '@app/agencies';
import { IdentifierKind } from './identifiers/identifier-kind';
import { DeconflictionNotice } from './graphql/lead.graphql-types';

interface NoticeRow {
  id: string;
  other_agency_id: string;
  kind: IdentifierKind;
  value: string;
  created_at: Date;
  created_key: string;
  acknowledged_at: Date | null;
}

/** The caller's agency's deconfliction notices: its own identifier, and whom to call. */
@Injectable()
export class DeconflictionService {
  constructor(
    private readonly db: Db,
    private readonly agencies: AgenciesService,
  ) {}

  async list(first: number, after?: string): Promise<Connection<DeconflictionNotice>> {
    const cursor = decodeTimeIdCursor(after);
    return this.db.tx(async (em) => {
      const rows: NoticeRow[] = await em.query(
        `SELECT n.id, n.other_agency_id, n.kind, i.value, n.created_at, ${timeKeySql('n.created_at')} AS created_key, n.acknowledged_at
         FROM deconfliction_notices n JOIN identifiers i ON i.id = n.identifier_id
         WHERE ($1::timestamptz IS NULL OR (n.created_at, n.id) < ($1::timestamptz, $2::uuid))
         ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
        [cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1],
      );
      const agencies = await this.agencies.byIds([...new Set(rows.map((r) => r.other_agency_id))]);
      return toConnection(
        rows,
        first,
        (r) => [r.created_key, r.id],
        (r) => ({
          id: r.id,
          otherAgency: agencies.get(r.other_agency_id)!,
          kind: r.kind,
          identifierValue: r.value,
          createdAt: r.created_at,
          acknowledgedAt: r.acknowledged_at,
        }),
      );
    });
  }
}
