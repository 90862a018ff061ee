import type { AnyRoute } from '@tanstack/react-router';

/**
 * A route's own validated search and path params. Each area hands its routes to the router as
 * AnyRoute[], so the registered router's lookup by route id answers `any`; a screen names its
 * route's types instead (`route.useSearch<SearchOf<typeof route>>()`).
 */
export type SearchOf<R extends AnyRoute> = R['types']['fullSearchSchema'];
export type ParamsOf<R extends AnyRoute> = R['types']['allParams'];
