/**
 * The path of a request's target without its query string, also for an absolute-form target
 * (`GET http://host/path`, whose host the client chose): what logs, audit rows and path checks use.
 */
export function requestPath(url: string): string {
  const path = url.startsWith('/') ? url : URL.canParse(url) ? new URL(url).pathname : '/';
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}
