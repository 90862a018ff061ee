import { serialize } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The console keeps its access token in memory only; a reload keeps the session through the
 * refresh token in an HttpOnly, SameSite=Strict cookie scoped to /graphql, which no script can read.
 * A client asks for the cookie with the header `x-tf-console: 1`; then the refresh token is not
 * returned in the body at all. API clients without the header are unchanged.
 */
export const REFRESH_COOKIE = 'tf_refresh';

export interface HttpContext {
  req: FastifyRequest;
  res: FastifyReply;
}

/** Whether the request came over HTTPS (directly, or through a trusted proxy that says so). */
export const overHttps = (req: FastifyRequest): boolean => req.protocol === 'https';

interface CookieOptions {
  path: string;
  sameSite: 'strict' | 'lax';
  secure: boolean;
  /** Seconds; without it the cookie is cleared. */
  maxAge?: number;
}

/** Sets (or, without maxAge, clears) an HttpOnly cookie; a reply can carry several. */
export function writeCookie(res: FastifyReply, name: string, value: string, o: CookieOptions): void {
  const { maxAge } = o;
  void res.header(
    'set-cookie',
    serialize(name, maxAge === undefined ? '' : value, {
      ...(maxAge === undefined ? {} : { maxAge }),
      path: o.path,
      expires: maxAge === undefined ? new Date(0) : new Date(Date.now() + maxAge * 1000),
      httpOnly: true,
      secure: o.secure,
      sameSite: o.sameSite,
    }),
  );
}

export const wantsCookie = (ctx: HttpContext): boolean => ctx.req.headers['x-tf-console'] === '1';

export function readRefreshCookie(ctx: HttpContext): string | undefined {
  return readCookie(ctx.req, REFRESH_COOKIE);
}

/** One cookie of the request, or undefined (no cookie parser: the header is read here). */
export function readCookie(req: { headers: { cookie?: string } } | undefined, cookie: string): string | undefined {
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
  writeCookie(ctx.res, REFRESH_COOKIE, token, { sameSite: 'strict', secure, path: '/graphql', maxAge: maxAgeSeconds });
}

export function clearRefreshCookie(ctx: HttpContext, secure: boolean): void {
  writeCookie(ctx.res, REFRESH_COOKIE, '', { sameSite: 'strict', secure, path: '/graphql' });
}
