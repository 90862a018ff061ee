import { expect, test } from '@playwright/test';
import { totp } from '../../../test/support/totp';
import { DEMO_PASSWORD, expectAccessible, expectNothingStored, signIn } from './support';
import { MFA_REQUIRED_URL } from '../playwright.config';

/** Signing in and out, as the demo personas: the session lives in memory and in an HttpOnly cookie only. */
test.describe('sign-in and the shell', () => {
  test('an investigator signs in, sees the areas of the role, keeps the session over a reload, and signs out', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin$/);
    await expectAccessible(page, 'sign-in');
    await signIn(page, 'lcso.investigator');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Det. Marcus Reyes');
    const nav = page.getByRole('navigation', { name: 'Areas' });
    await expect(nav.getByRole('link')).toHaveText(['Home', 'Leads', 'Cases', 'Survivors', 'Referrals', 'Deadlines']);
    await expect(page.getByRole('region', { name: 'Deconfliction notices' })).toBeVisible();
    await expectAccessible(page, 'home');
    await expectNothingStored(page);
    // The refresh cookie is HttpOnly and SameSite=Strict, scoped to the API.
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite, path: c.path }))).toEqual([
      { name: 'tf_refresh', httpOnly: true, sameSite: 'Strict', path: '/graphql' },
    ]);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Det. Marcus Reyes');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.getByText('You have signed out.')).toBeVisible();
    expect(await page.context().cookies()).toEqual([]);
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin$/);
  });

  test('the areas follow the roles: an agency admin sees users, no leads or cases', async ({ page }) => {
    await signIn(page, 'lcso.admin');
    await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link')).toHaveText(['Home', 'Users']);
  });

  test("a wrong password is refused in the API's words, and five of them lock the account", async ({ page }) => {
    await page.goto('/signin');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Username').fill('wrpd.supervisor');
      await page.getByLabel('Password').fill(`not-the-password-${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toContainText('The username or password is not correct');
    }
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Areas' })).toHaveCount(0);
    // What was typed is kept after a refusal.
    await expect(page.getByLabel('Username')).toHaveValue('wrpd.supervisor');
  });

  test('MFA: set up an authenticator in the account page, then sign in with the code', async ({ page }) => {
    await signIn(page, 'hsi.investigator');
    await page.getByRole('link', { name: 'Signed in as SA Alicia Romero' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
    await expectAccessible(page, 'account');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('mfa-secret').textContent())!;
    await page.getByLabel('Code from the app').fill(totp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Two-step sign-in is on for this account.')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill('hsi.investigator');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
    await expectAccessible(page, 'sign-in code');
    // The same code cannot be used twice: wait for the next step.
    await page.waitForTimeout((30 - (Math.floor(Date.now() / 1000) % 30) + 1) * 1000);
    await page.getByLabel('Authenticator code').fill(totp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, SA Alicia Romero');
  });

  test('the console locks itself after the idle time and forgets the session', async ({ page }) => {
    await page.clock.install();
    await signIn(page, 'cpd.investigator');
    await page.clock.fastForward('31:00');
    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.getByText('You were signed out after a period without activity.')).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin$/);
  });

  test('Spanish: every word of sign-in and the shell', async ({ page }) => {
    await page.goto('/signin');
    await page.getByTestId('language').locator('..').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Español' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iniciar sesión');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await page.getByLabel('Usuario').fill('lcso.investigator');
    await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect(page.getByRole('navigation', { name: 'Áreas' }).getByRole('link')).toHaveText([
      'Inicio',
      'Pistas',
      'Casos',
      'Sobrevivientes',
      'Derivaciones',
      'Plazos',
    ]);
    await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
    await expectAccessible(page, 'home (es)');
  });

  test('when the agency requires MFA and it is not set up, signing in leads to the enrolment and nowhere else until it is done', async ({
    page,
  }) => {
    await page.goto(`${MFA_REQUIRED_URL}/signin`);
    await page.getByLabel('Username').fill('fbi.investigator');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/enrol$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up two-step sign-in');
    await expectAccessible(page, 'enrolment');
    // Nothing else opens before enrolment.
    await page.goto(`${MFA_REQUIRED_URL}/cases`);
    await expect(page).toHaveURL(/\/enrol$/);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('mfa-secret').textContent())!;
    await page.getByLabel('Code from the app').fill(totp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, SA Peter Vance');
    await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Cases' })).toBeVisible();
    await expectNothingStored(page);
  });

  test('the bell counts the unread notifications and lists them; marking them read empties it', async ({ page }) => {
    await signIn(page, 'safeharbor.advocate');
    const bell = page.getByTestId('bell');
    await expect(bell).toHaveAccessibleName(/^[1-9]\d* unread notifications?$/);
    await bell.click();
    await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
    await expect(page.getByRole('listitem').first()).toBeVisible();
    await expectAccessible(page, 'notifications');
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    // The list closes and focus returns to the bell, which now counts none.
    await expect(page.getByRole('heading', { name: 'Notifications' })).toBeHidden();
    await expect(bell).toBeFocused();
    await expect(bell).toHaveAccessibleName('0 unread notifications');
    await page.keyboard.press('Enter');
    await expect(page.getByText('No notifications.')).toBeVisible();
  });

  test('changing the password: the form checks the rules before sending and keeps what was typed when the API refuses', async ({
    page,
  }) => {
    await signIn(page, 'dfs.supervisor');
    await page.goto('/account');
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('New password again').fill('short');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('At least 12 characters.').first()).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill('Prairie-Wind-2026!');
    await page.getByLabel('New password again').fill('Prairie-Wind-2026!');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toHaveValue('Prairie-Wind-2026!');
    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Your password was changed; your other sessions were signed out.')).toBeVisible();
  });
});
