import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, expectNothingStored, signIn } from './support';

/**
 * Signing in through an agency's own identity provider, in the browser: a real OpenID provider
 * (`oidc-provider`, test/support/oidc-provider.mjs) for the sheriff's office, connected by the
 * task-force admin through the API, then the sign-in page's "Sign in with ..." button.
 */
const BASE = `http://127.0.0.1:${process.env.TF_WEB_PORT ?? '3199'}`;

async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

test.describe('sign-in through the agency identity provider', () => {
  let provider: ChildProcess;
  let admin: string;
  let lcso: string;

  test.beforeAll(async () => {
    const login = await gql<{ login: { accessToken: string } }>(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, {
      i: { username: 'dci.tfadmin', password: DEMO_PASSWORD },
    });
    admin = login.login.accessToken;
    const { agencies } = await gql<{ agencies: { id: string; shortCode: string }[] }>(`{ agencies { id shortCode } }`, {}, admin);
    lcso = agencies.find((a) => a.shortCode === 'LCSO')!.id;
    const spec = {
      appUrl: BASE,
      issuers: [
        {
          name: 'LCSO',
          agencyCode: 'lcso',
          clientId: 'tf-lcso-console',
          clientSecret: 'console-test-secret-0123456789',
          defaultAccount: 'jo',
          accounts: { jo: { email: 'jo.newcomb@lcso.example.org', name: 'Dep. Jo Newcomb', amr: ['pwd', 'otp'] } },
        },
      ],
    };
    provider = spawn(process.execPath, [resolve(__dirname, '../../../test/support/oidc-provider.mjs'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const issuer = await new Promise<string>((ok, fail) => {
      let out = '';
      provider.stdout!.on('data', (d) => {
        out += String(d);
        const line = out.split('\n').find((l) => l.startsWith('{"issuers"'));
        if (line) ok((JSON.parse(line) as { issuers: { issuer: string }[] }).issuers[0].issuer);
      });
      provider.once('exit', (c) => fail(new Error(`provider exited ${c}`)));
    });
    await gql(
      `mutation($i: SetAgencyIdentityProviderInput!) { setAgencyIdentityProvider(input: $i) { agencyId } }`,
      {
        i: {
          agencyId: lcso,
          issuer,
          clientId: 'tf-lcso-console',
          clientSecret: 'console-test-secret-0123456789',
          allowedEmailDomains: ['lcso.example.org'],
          createUsers: true,
          defaultRoles: ['INVESTIGATOR'],
          mfaAmrValues: ['otp'],
        },
      },
      admin,
    );
  });

  test.afterAll(async () => {
    await gql(`mutation($a: ID!) { removeAgencyIdentityProvider(agencyId: $a) }`, { a: lcso }, admin);
    provider.kill();
  });

  test("a new deputy signs in with the sheriff's office provider: the account is created with the agency's default role", async ({
    page,
  }) => {
    await page.goto('/signin');
    const button = page.getByRole('link', { name: "Sign in with Laramie County Sheriff's Office" });
    await expect(button).toBeVisible();
    await expectAccessible(page, 'sign-in with an agency provider');
    await button.click();
    await expect(page.getByRole('navigation', { name: 'Areas' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Dep. Jo Newcomb');
    await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link')).toHaveText([
      'Home',
      'Leads',
      'Cases',
      'Survivors',
      'Referrals',
      'Deadlines',
    ]);
    await expect(page).not.toHaveURL(/jo|newcomb|code=|state=/i);
    await expectNothingStored(page);
    // The session is in the HttpOnly refresh cookie; the sign-in flow's cookie is gone. (The provider's
    // own cookies share the host 127.0.0.1 here, cookies not being kept per port.)
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'tf_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/graphql' });
    expect(cookies.find((c) => c.name === 'tf_oidc_flow')).toBeUndefined();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin$/);
  });

  test('a refused federated sign-in comes back to the sign-in page and says why', async ({ page }) => {
    await page.goto('/auth/oidc/dfs');
    await expect(page).toHaveURL(/\/signin\?signInError=NO_PROVIDER$/);
    await expect(page.getByText('This agency does not sign in through its own identity provider.')).toBeVisible();
    await expectAccessible(page, 'sign-in refused');
  });
});

test.describe('the task-force admin connects an agency identity provider in the console', () => {
  test.afterAll(async () => {
    const login = await gql<{ login: { accessToken: string } }>(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, {
      i: { username: 'dci.tfadmin', password: DEMO_PASSWORD },
    });
    const { agencies } = await gql<{ agencies: { id: string; shortCode: string }[] }>(
      `{ agencies { id shortCode } }`,
      {},
      login.login.accessToken,
    );
    const wrpd = agencies.find((a) => a.shortCode === 'WRPD')!.id;
    await gql(`mutation($a: ID!) { removeAgencyIdentityProvider(agencyId: $a) }`, { a: wrpd }, login.login.accessToken);
  });

  test('sets issuer, client and secret; the secret is never shown again; the sign-in page offers the agency', async ({ page }) => {
    await signIn(page, 'dci.tfadmin');
    await page.goto('/admin/agencies');
    await page.getByRole('button', { name: 'Sign-in provider of Wind River Police Department' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign-in provider of Wind River Police Department' });
    await dialog.getByLabel('Issuer URL').fill('https://login.windriver.example.gov/realms/wrpd');
    await dialog.getByLabel('Client id').fill('taskforce-case-tracker');
    await dialog.getByLabel('Client secret').fill('a-secret-the-provider-issued-0123');
    await dialog.getByLabel('Allowed e-mail domains').fill('wrpd.example.org');
    await dialog.getByLabel('Who sets the roles').click();
    await page.getByRole('option', { name: 'The provider, by a claim at each sign-in' }).click();
    await dialog.getByLabel('Claim that carries the roles').fill('tf_roles');
    await expectAccessible(page, 'sign-in provider dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('The sign-in provider of Wind River Police Department was saved.')).toBeVisible();
    // Opened again: the settings are there, the secret is not.
    await page.getByRole('button', { name: 'Sign-in provider of Wind River Police Department' }).click();
    await expect(dialog.getByLabel('Issuer URL')).toHaveValue('https://login.windriver.example.gov/realms/wrpd');
    await expect(dialog.getByLabel('Client secret')).toHaveValue('');
    await expect(dialog.getByLabel('Claim that carries the roles')).toHaveValue('tf_roles');
    await expect(dialog.getByText('A secret is set. Leave this empty to keep it; it is never shown.')).toBeVisible();
    await expect(dialog.getByText(/\/auth\/oidc\/wrpd\/callback/)).toBeVisible();
    // A bad issuer is refused in words, and the dialog keeps what was typed.
    await dialog.getByLabel('Issuer URL').fill('ftp://nope');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText(/issuer must be an https URL/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in with Wind River Police Department' })).toBeVisible();
  });
});
