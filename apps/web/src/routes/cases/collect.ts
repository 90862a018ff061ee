const MAX_PAGES = 10;

/**
 * Walks a connection page by page (at most 10 pages) and keeps the nodes that belong to one case.
 * For lists the API offers by agency only (victims, referrals): it has no case filter for them.
 */
export async function collectPages<T>(
  page: (after: string | null) => Promise<{ edges: { node: T }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }>,
  keep: (node: T) => boolean,
): Promise<T[]> {
  const found: T[] = [];
  let after: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const { edges, pageInfo } = await page(after);
    found.push(...edges.map((e) => e.node).filter(keep));
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor ?? null;
  }
  return found;
}
