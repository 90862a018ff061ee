import type { Request, Response } from 'express';

/**
 * The console keeps its access token in memory only; a reload keeps the session through the
 * refresh token in an HttpOnly, SameSite=Strict cookie scoped to /graphql, which no script can read.
 * A client asks for the cookie with the header `x-tf-console: 1`; then the refresh token is not
 * returned in the body at all. API clients without the header are unchanged.
 */
export const REFRESH_COOKIE = 'tf_refresh';

export interface HttpContext {
  req: Request;
  res: Response;
}

export const wantsCookie = (ctx: HttpContext): boolean => ctx.req.headers['x-tf-console'] === '1';

export function readRefreshCookie(ctx: HttpContext): string | undefined {
  return readCookie(ctx.req, REFRESH_COOKIE);
}

/** One cookie of the request, or undefined (no cookie parser: the header is read here). */
export function readCookie(req: Request | undefined, cookie: string): string | undefined {
  const header = req?.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookie) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function setRefreshCookie(ctx: HttpContext, token: string, maxAgeSeconds: number, secure: boolean): void {
  ctx.res.cookie(REFRESH_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/graphql', maxAge: maxAgeSeconds * 1000 });
}

export function clearRefreshCookie(ctx: HttpContext, secure: boolean): void {
  ctx.res.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/graphql' });
}
