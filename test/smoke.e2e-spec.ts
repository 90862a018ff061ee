import { startTestApp, TestApp, codes, DEMO_PASSWORD } from './support/test-app';
import { graphql } from './gql';

describe('smoke: the server runs on a real database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /health with the database up', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { info: { database: { status: string } } };
    expect(body.info.database.status).toBe('up');
  });

  it('signs in a demo investigator and returns the principal', async () => {
    const token = await t.login('lcso.investigator');
    const r = await t.gql(
      graphql(`
        query SmokeMe {
          me {
            username
            roles
            agency {
              name
              shortCode
            }
          }
        }
      `),
      {},
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.me).toEqual({
      username: 'lcso.investigator',
      roles: ['INVESTIGATOR'],
      agency: { name: "Laramie County Sheriff's Office", shortCode: 'LCSO' },
    });
  });

  it('the login payload itself can include the agency (the request continues as the new user)', async () => {
    const r = await t.gql<{ login: { status: string; me: { username: string; agency: { shortCode: string } } } }>(
      `mutation { login(input: { username: "usao.prosecutor", password: "${DEMO_PASSWORD}" }) { status me { username agency { shortCode } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.login).toEqual({ status: 'SIGNED_IN', me: { username: 'usao.prosecutor', agency: { shortCode: 'USAO' } } });
  });

  it('an admin cannot change their own roles (no self-granted AUDITOR)', async () => {
    const token = await t.login('cpd.admin');
    const [me] = await t.ownerQuery(`SELECT id, version FROM users WHERE username = 'cpd.admin'`);
    const r = await t.gql(
      graphql(`
        mutation SmokeSetUserRoles($i: SetUserRolesInput!) {
          setUserRoles(input: $i) {
            roles
          }
        }
      `),
      { i: { userId: me.id, roles: ['AGENCY_ADMIN', 'AUDITOR'], version: me.version } },
      token,
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect((await t.ownerQuery(`SELECT roles FROM users WHERE id = $1`, [me.id]))[0].roles).toEqual(['AGENCY_ADMIN']);
  });

  it('refuses an anonymous request with UNAUTHENTICATED', async () => {
    const r = await t.gql(
      graphql(`
        query SmokeMe2 {
          me {
            username
          }
        }
      `),
    );
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });
});
