import { startTestApp, TestApp, codes } from './support/test-app';

describe('smoke: the server runs on a real database', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('answers /health with the database up', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { info: { database: { status: string } } };
    expect(body.info.database.status).toBe('up');
  });

  it('signs in a demo investigator and returns the principal', async () => {
    const token = await t.login('lcso.investigator');
    const r = await t.gql(`{ me { username roles agency { name shortCode } } }`, {}, token);
    expect(r.errors).toBeUndefined();
    expect(r.data.me).toEqual({ username: 'lcso.investigator', roles: ['INVESTIGATOR'], agency: { name: "Laramie County Sheriff's Office", shortCode: 'LCSO' } });
  });

  it('refuses an anonymous request with UNAUTHENTICATED', async () => {
    const r = await t.gql(`{ me { username } }`);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });
});
