import { Doc, GqlBody, startTestApp, TestApp } from './support/test-app';
import { graphql } from './gql';
import { expect } from '@jest/globals';

/**
 * What the server does for the web console: serves it from the same origin with a strict policy,
 * keeps a reloaded session through an HttpOnly SameSite=Strict refresh cookie (asked for with
 * x-tf-console), never lets a browser cache an API answer, and leaves API clients as they were.
 */
describe('serving the web console', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const LOGIN = graphql(`
    mutation ConsoleServingLogin($i: LoginInput!) {
      login(input: $i) {
        status
        accessToken
        refreshToken
        idleTimeoutSeconds
      }
    }
  `);
  const REFRESH = graphql(`
    mutation ConsoleServingRefreshSession {
      refreshSession {
        status
        accessToken
        refreshToken
      }
    }
  `);
  async function post<T>(query: Doc<T>, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: query.toString(), variables }),
    });
    return { res, body: (await res.json()) as GqlBody<T> };
  }
  const login = { i: { username: 'lcso.investigator', password: 'Frontier-Demo-2026' } };

  it('serves the console for every path but the API, with a content security policy that loads nothing from outside', async () => {
    for (const path of ['/', '/cases/some-case', '/leads?status=NEW']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-eval|https?:/);
      const html = await res.text();
      expect(html).toContain('<div id="root">');
      expect(html).not.toMatch(/src="https?:|href="https?:/);
    }
    expect((await fetch(`${t.url}/health`)).headers.get('content-type')).toMatch(/json/);
  });

  it("answers a miss under the server's own paths or the console's files with a 404, never the console's page", async () => {
    for (const path of ['/graphql/other', '/health/other', '/auth/other', '/assets/missing.js']) {
      const res = await fetch(`${t.url}${path}`);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({
        path,
        status: 404,
        type: expect.stringMatching(/json/),
      });
      expect(await res.json()).toEqual({ message: `Cannot GET ${path}`, error: 'Not Found', statusCode: 404 });
    }
    // A file the build wrote is served as itself, with a validator.
    const html = await (await fetch(`${t.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const res = await fetch(`${t.url}${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('etag')).toEqual(expect.any(String));
  });

  it('a console sign-in puts the refresh token in an HttpOnly, SameSite=Strict cookie on /graphql, never in the body; a reload resumes from it', async () => {
    const { res, body } = await post(LOGIN, login, { 'x-tf-console': '1' });
    expect(body.data!.login).toMatchObject({ status: 'SIGNED_IN', refreshToken: null, idleTimeoutSeconds: 1800 });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tf_refresh=[^;]+; Max-Age=43200; Path=\/graphql; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const jar = cookie.split(';')[0];
    const again = await post(REFRESH, {}, { 'x-tf-console': '1', cookie: jar });
    expect(again.body.data!.refreshSession).toMatchObject({ status: 'SIGNED_IN', refreshToken: null });
    expect(again.body.data!.refreshSession.accessToken).toEqual(expect.any(String));
    const next = again.res.headers.get('set-cookie')!.split(';')[0];
    expect(next).not.toBe(jar);
    // Single use: the first cookie is spent, and a spent one is cleared.
    const replay = await post(REFRESH, {}, { 'x-tf-console': '1', cookie: jar });
    expect(replay.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(replay.res.headers.get('set-cookie')).toMatch(/^tf_refresh=;/);
    // A replayed token ends the session it came from: the newer cookie is refused too.
    expect((await post(REFRESH, {}, { 'x-tf-console': '1', cookie: next })).body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // Signing out clears the cookie, and the session is over on the server.
    const fresh = await post(LOGIN, login, { 'x-tf-console': '1' });
    const freshJar = fresh.res.headers.get('set-cookie')!.split(';')[0];
    const out = await post(
      graphql(`
        mutation ConsoleServingLogout {
          logout
        }
      `),
      {},
      { 'x-tf-console': '1', cookie: freshJar, authorization: `Bearer ${fresh.body.data!.login.accessToken}` },
    );
    expect(out.body.data!.logout).toBe(true);
    expect(out.res.headers.get('set-cookie')).toMatch(/^tf_refresh=; Path=\/graphql; Expires=Thu, 01 Jan 1970/);
    expect((await post(REFRESH, {}, { 'x-tf-console': '1', cookie: freshJar })).body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('API clients without the header keep tokens in the body and get no cookie; a refresh with neither token nor cookie is refused in words', async () => {
    const { res, body } = await post(LOGIN, login);
    expect(body.data!.login.refreshToken).toEqual(expect.any(String));
    expect(res.headers.get('set-cookie')).toBeNull();
    const r = await post(
      graphql(`
        mutation ConsoleServingRefreshSession2($i: RefreshInput) {
          refreshSession(input: $i) {
            refreshToken
          }
        }
      `),
      {
        i: { refreshToken: body.data!.login.refreshToken },
      },
    );
    expect(r.body.data!.refreshSession.refreshToken).toEqual(expect.any(String));
    const none = await post(REFRESH);
    expect(none.body.errors![0]).toMatchObject({
      message: 'No session to resume: please sign in.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
