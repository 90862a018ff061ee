import { expect, Locator, Page, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, expectNothingStored, signIn } from './support';

/** A number from 1 to 4 standing alone (not part of 2026, 05 or 12). */
const SMALL = /(^|[^0-9])[1-4]([^0-9]|$)/;

/** Everything a screen reader can be told inside an element: the accessibility tree's names and every label-like attribute. */
async function spokenText(area: Locator): Promise<string> {
  // The tree's own markup ([level=2], [checked]) is not page text.
  const tree = (await area.ariaSnapshot())
    .split('\n')
    .filter((l) => !/^\s*- \/url:/.test(l))
    .join('\n')
    .replace(/\[[a-z]+(=[^\]]*)?\]/g, '');
  const attributes = await area.evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .flatMap((el) =>
        ['aria-label', 'aria-valuetext', 'aria-valuenow', 'aria-description', 'title', 'alt', 'placeholder']
          .map((a) => el.getAttribute(a))
          .filter((v): v is string => !!v),
      )
      .join('\n'),
  );
  return `${tree}\n${attributes}`;
}

/** The list screens are other areas' (web-leads, web-cases); their heading is checked once they are in the tree. */

async function pickPeriod(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name }).click();
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveText(name);
}

test.describe('oversight: dashboards, administration, audit', () => {
  test('a coordinator sees the task force by closed quarter and fiscal year: small counts read "fewer than 5", never a number from 1 to 4', async ({
    page,
  }) => {
    await signIn(page, 'dci.coordinator');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
    // Coordinators have the task-force view only.
    await expect(page.getByRole('tab')).toHaveCount(0);
    // Only closed periods are offered: the quarter and fiscal year now running are not.
    await page.getByRole('combobox', { name: 'Period' }).click();
    const options = page.getByRole('option');
    await expect(options.filter({ hasText: 'July to September 2026' })).toHaveCount(1);
    await expect(options.filter({ hasText: 'October to December 2026' })).toHaveCount(0);
    await expect(options.filter({ hasText: 'Fiscal year 2027' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    for (const period of ['July to September 2026', 'Fiscal year 2026 (October 2025 to September 2026)', 'October 2026']) {
      await pickPeriod(page, period);
      const main = page.locator('main');
      const leads = page.getByRole('region', { name: 'Table: Leads by source and month' });
      await expect(leads).toBeVisible();
      await expect(leads.getByText('fewer than 5').first()).toBeVisible();
      await expect(main.getByText(/were taken on/)).toBeVisible();
      const text = await main.innerText();
      expect(text, `${period}: page text`).not.toMatch(SMALL);
      expect(await spokenText(main), `${period}: accessible names`).not.toMatch(SMALL);
      // The demo's leads are hidden, and so is their total.
      await expect(leads.getByRole('row', { name: /Total/ })).toContainText('not shown');
    }
    // The period is in the URL, and a reload keeps it.
    await expect(page).toHaveURL(/from=2026-10-01&to=2026-10-31/);
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Period' })).toHaveText('October 2026');
    await expectAccessible(page, 'dashboard (task force)');
    // In Spanish, the same rule.
    await page.getByTestId('language').locator('..').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Español' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panel');
    await expect(page.getByRole('region', { name: 'Tabla: Pistas por origen y mes' }).getByText('menos de 5').first()).toBeVisible();
    expect(await page.locator('main').innerText()).not.toMatch(SMALL);
    expect(await spokenText(page.locator('main'))).not.toMatch(SMALL);
    await expectAccessible(page, 'dashboard (task force, es)');
    await expectNothingStored(page);
  });

  test("a supervisor's agency view is exact, and a count opens the filtered list behind it", async ({ page }) => {
    await signIn(page, 'lcso.supervisor');
    await page.goto('/dashboard');
    await expect(page.getByRole('tab', { name: 'My agency' })).toHaveAttribute('aria-selected', 'true');
    const byStatus = page.getByRole('region', { name: 'Table: Open cases by status' });
    await expect(byStatus.getByRole('row', { name: /Charged/ })).toContainText('1');
    // Exact counts: the check the task-force view passes would fail here (it can fail).
    expect(await page.locator('main').innerText()).toMatch(SMALL);
    expect(await spokenText(page.locator('main'))).toMatch(SMALL);
    await expectAccessible(page, 'dashboard (agency)');
    // The agency's caseload names its investigators.
    await expect(
      page
        .getByRole('region', { name: 'Table: Caseload per investigator' })
        .getByRole('link', { name: 'Det. Hannah Blake: 2, open the list' }),
    ).toBeVisible();
    // The task-force tab holds the published counts only.
    await page.getByRole('tab', { name: 'Task force' }).click();
    await expect(page.getByRole('combobox', { name: 'Period' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Table: Open cases by status' }).getByText('fewer than 5').first()).toBeVisible();
    await page.getByRole('tab', { name: 'My agency' }).click();
    await byStatus.getByRole('link', { name: 'Charged: 1, open the list' }).click();
    // The cases list keeps its status filter as a list (status=["CHARGED"]).
    await expect(page).toHaveURL(
      (u) =>
        u.pathname === '/cases' &&
        u.searchParams.get('scope') === 'leading' &&
        String(JSON.parse(u.searchParams.get('status') ?? '""')) === 'CHARGED',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cases');
    await expect(page.getByRole('row', { name: /Charged/ }).first()).toBeVisible();
    await page.goBack();
    await page
      .getByRole('region', { name: 'Table: Leads by source and month' })
      .getByRole('link', { name: 'September 2026, Hotline: 1, open the list' })
      .click();
    await expect(page).toHaveURL(/\/leads\?source=HOTLINE&from=2026-09-01&to=2026-09-30$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leads');
  });

  test("an agency admin unlocks a locked user, is refused changing their own account in the API's words, and adds a user", async ({
    page,
    baseURL,
  }) => {
    // Five wrong passwords lock lcso.investigator2 (no other journey signs in as them).
    for (let i = 0; i < 5; i++) await login(baseURL!, 'lcso.investigator2', `not-the-password-${i}`);
    expect(await login(baseURL!, 'lcso.investigator2', DEMO_PASSWORD)).toBe(false);

    await signIn(page, 'lcso.admin');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
    const row = page.getByRole('row', { name: 'lcso.investigator2' });
    await expect(row).toContainText('Locked');
    await expectAccessible(page, 'users');
    await row.getByRole('button', { name: 'Unlock Det. Hannah Blake' }).click();
    await expect(page.getByRole('status')).toContainText('Det. Hannah Blake is unlocked and can sign in again.');
    await expect(row).not.toContainText('Locked');
    await expect(row.getByRole('button', { name: 'Unlock Det. Hannah Blake' })).toHaveCount(0);
    expect(await login(baseURL!, 'lcso.investigator2', DEMO_PASSWORD)).toBe(true);

    // One's own account: the API refuses, and says why.
    await page.getByRole('button', { name: 'Disable Paula Greer' }).click();
    await expect(page.getByRole('dialog')).toContainText('They are signed out everywhere at once');
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await expect(page.getByRole('alert')).toContainText('You cannot disable your own account.');
    await page.getByRole('button', { name: 'Change the roles of Paula Greer' }).click();
    await page.getByRole('dialog').getByLabel('Supervisor').check();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('dialog').getByRole('alert')).toContainText('You cannot change your own roles');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // A new user: the browser's rules first, then the API's (a common password is refused on its field).
    await page.getByRole('button', { name: 'Add a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByRole('button', { name: 'Add the user' }).click();
    await expect(dialog.getByText('Choose at least one role.')).toBeVisible();
    await dialog.getByLabel('Username').fill('lcso.records');
    await dialog.getByLabel('Display name').fill('Records Clerk');
    await dialog.getByLabel('Initial password').fill('password1234');
    await dialog.getByLabel('Auditor').check();
    await dialog.getByRole('button', { name: 'Add the user' }).click();
    await expect(dialog.getByText('This password is too common.')).toBeVisible();
    await expectAccessible(page, 'add a user');
    await dialog.getByLabel('Initial password').fill('Records-Clerk-2026!');
    await dialog.getByRole('button', { name: 'Add the user' }).click();
    await expect(page.getByRole('status')).toContainText('Records Clerk can now sign in as lcso.records.');
    await expect(page.getByRole('row', { name: 'lcso.records' })).toContainText('Auditor');
    await expectNothingStored(page);
  });

  test('the task-force admin adds an agency with its first admin, and edits it', async ({ page, baseURL }) => {
    await signIn(page, 'dci.tfadmin');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Agencies' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agencies');
    await expectAccessible(page, 'agencies');
    await page.getByRole('button', { name: 'Add an agency' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an agency' });
    await dialog.getByLabel('Name').first().fill("Albany County Sheriff's Office");
    await dialog.getByLabel('Short code').fill('acso');
    await dialog.getByLabel('Username').fill('acso.admin');
    await dialog.getByLabel('Display name').fill('Jo Admin');
    await dialog.getByLabel('Initial password').fill('Albany-County-2026!');
    await dialog.getByRole('button', { name: 'Add the agency' }).click();
    // Law enforcement needs its ORI (the browser says so before the API would).
    await expect(dialog.getByText('A law-enforcement agency needs its ORI.')).toBeVisible();
    await dialog.getByLabel('ORI').fill('WY0010000');
    await dialog.getByRole('button', { name: 'Add the agency' }).click();
    await expect(page.getByRole('status')).toContainText(
      "Albany County Sheriff's Office was added; its first admin signs in as acso.admin.",
    );
    const row = page.getByRole('row', { name: /Albany County/ });
    await expect(row).toContainText('ACSO');
    expect(await login(baseURL!, 'acso.admin', 'Albany-County-2026!')).toBe(true);

    await row.getByRole('button', { name: "Edit Albany County Sheriff's Office" }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('Contact phone').fill('+1 307 555 0100');
    await expectAccessible(page, 'edit an agency');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toContainText("Albany County Sheriff's Office was saved.");
    await expect(row).toContainText('+1 307 555 0100');
    await expectNothingStored(page);
  });

  test('an auditor filters the trail, pages through it, and verifies the chain in words', async ({ page, baseURL }) => {
    // More than a page (50) of the agency's events.
    for (let i = 0; i < 55; i++) await login(baseURL!, 'lcso.auditor', DEMO_PASSWORD);
    await signIn(page, 'lcso.auditor');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Audit trail' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    const events = page.getByRole('region', { name: 'Table of audit events' });
    await expect(events.getByRole('row')).toHaveCount(51);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => events.getByRole('row').count()).toBeGreaterThan(51);
    const links = await events.locator('tbody tr td:first-child').allInnerTexts();
    expect(new Set(links).size).toBe(links.length);
    await expectAccessible(page, 'audit');

    await page.getByLabel('Action (e.g. auth.login)').fill('auth.login');
    await page.getByLabel('Outcome').click();
    await page.getByRole('option', { name: 'Succeeded' }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/audit\?action=auth\.login&outcome=SUCCESS$/);
    const rows = events.locator('tbody tr');
    await expect(rows.first()).toContainText('auth.login');
    expect((await rows.allInnerTexts()).every((r) => r.includes('auth.login') && r.includes('Succeeded'))).toBe(true);
    await events
      .getByRole('button', { name: /^Show the details of link/ })
      .first()
      .click();
    await expect(events).toContainText('Previous link’s hash');
    // One person's events: the auditor's own sign-ins; the filter is in the URL and survives a reload.
    await events.getByRole('button', { name: 'Only the events of lcso.auditor' }).first().click();
    await expect(page).toHaveURL(/action=auth\.login&outcome=SUCCESS&actorUserId=[0-9a-f-]{36}$/);
    await expect(page.getByText('Showing one person’s events only.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Action (e.g. auth.login)')).toHaveValue('auth.login');
    await expect(rows.first()).toContainText('lcso.auditor');
    expect((await rows.allInnerTexts()).every((r) => r.includes('lcso.auditor') && r.includes('auth.login'))).toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(/\/audit$/);

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The chain' })).toHaveText(/^The chain is intact: [\d,]+ events checked\.$/);
    await expectAccessible(page, 'audit verified');
    await expectNothingStored(page);
  });
});

/** A sign-in through the API, as a script would try one: whether it was let in. */
async function login(baseURL: string, username: string, password: string): Promise<boolean> {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tf-console': '1' },
    body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { status } }', variables: { i: { username, password } } }),
  });
  const body = (await res.json()) as { data?: { login: { status: string } } | null };
  return !!body.data?.login;
}
