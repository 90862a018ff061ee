import { graphql } from '../../gql';
import type { OversightUsersQuery } from '../../gql/graphql';
import { request } from '../../api/client';

const USERS_PAGE = graphql(`
  query OversightUsers($after: String) {
    users(first: 100, after: $after) {
      edges {
        node {
          id
          username
          displayName
          title
          email
          roles
          active
          locked
          mfaEnabled
          lastLoginAt
          version
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export type OversightUser = OversightUsersQuery['users']['edges'][number]['node'];

/** Every user of one's agency (an agency has tens of users, not thousands), page by page. */
export async function allUsers(): Promise<OversightUser[]> {
  const out: OversightUser[] = [];
  let after: string | null = null;
  for (;;) {
    const { users }: OversightUsersQuery = await request(USERS_PAGE, { after });
    out.push(...users.edges.map((e) => e.node));
    if (!users.pageInfo.hasNextPage || !users.pageInfo.endCursor) return out;
    after = users.pageInfo.endCursor;
  }
}
