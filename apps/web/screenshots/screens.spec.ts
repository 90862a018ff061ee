import { expect, Page, test } from '@playwright/test';
import { resolve } from 'node:path';
import { as } from '../e2e/support';

const OUT = resolve(__dirname, '../../../docs/screenshots');
const shot = async (page: Page, name: string) => {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: false });
};

test('the main screens of the demo', async ({ page, browser }) => {
  await page.goto('/signin');
  await shot(page, '01-sign-in');
  await page.close();
  page = await as(browser, 'lcso.investigator');
  await expect(page.getByRole('region', { name: 'Deconfliction notices' })).toBeVisible();
  await shot(page, '02-home-investigator');
  for (const [path, name, ready] of SCREENS) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (ready) await ready(page);
    await shot(page, name);
  }
  // The Burns ranch labor case, opened from the list, and some of its tabs.
  await page.goto('/cases');
  await page
    .getByRole('row', { name: /Burns ranch/ })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByRole('tablist')).toBeVisible();
  await shot(page, '06-case-summary');
  for (const [tab, name] of [
    ['Subjects', '07-case-subjects'],
    ['Charges', '08-case-charges'],
    ['Participants', '10-case-shares'],
  ]) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await expect(page.getByRole('tabpanel').getByRole('heading', { level: 2 })).toBeVisible();
    await shot(page, name);
  }
  // The same in Spanish.
  await page.getByTestId('language').locator('..').getByRole('combobox').click();
  await page.getByRole('option', { name: 'Español' }).click();
  // (in the app: the language lives in memory, so a full page load would start again in English)
  await page.getByRole('navigation', { name: 'Áreas' }).getByRole('link', { name: 'Pistas' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, '11-leads-spanish');
});

/** Screens reached by address once signed in as the investigator: [path, file name, what to wait for]. */
const SCREENS: [string, string, ((page: Page) => Promise<void>)?][] = [
  ['/leads', '03-leads'],
  [
    '/leads/new',
    '04-new-lead-deconfliction',
    async (page) => {
      await page
        .getByLabel('What was reported')
        .fill('Caller says a crew of ranch hands near Burns works 14-hour days; the foreman keeps their passports.');
      await page.getByRole('button', { name: 'Add a phone' }).click();
      await page.getByRole('textbox', { name: 'Phone number 1' }).pressSequentially('307 555 0187');
      await expect(page.getByRole('status').filter({ hasText: 'works this phone' })).toBeVisible();
      await page.getByRole('textbox', { name: 'Phone number 1' }).scrollIntoViewIfNeeded();
    },
  ],
  ['/cases', '05-cases'],
  ['/account', '09-account'],
];

/** Part 2: each screen as the persona it is for: [persona, path, file name, what to do first]. */
const BY_PERSONA: [string, string, string, ((page: Page) => Promise<void>)?][] = [
  ['lcso.advocate', '/victims', '12-survivors'],
  [
    'lcso.advocate',
    '/victims',
    '13-survivor-detail',
    async (page) => {
      await page.getByRole('row').nth(1).getByRole('link').first().click();
      await expect(page.getByRole('button', { name: /Show identity/i })).toBeVisible();
    },
  ],
  ['lcso.advocate', '/deadlines', '14-deadlines'],
  ['safeharbor.advocate', '/referrals', '15-referrals-inbox'],
  ['lcso.supervisor', '/dashboard', '16-dashboard-agency'],
  ['dci.coordinator', '/dashboard', '17-dashboard-task-force'],
  ['lcso.admin', '/admin/users', '18-users'],
  [
    'lcso.auditor',
    '/audit',
    '19-audit',
    async (page) => {
      await page.getByRole('button', { name: 'Verify the chain' }).click();
      await expect(page.getByText(/The chain is intact/)).toBeVisible();
    },
  ],
];

test('the screens of advocates, supervisors, coordinators, admins and auditors', async ({ browser }) => {
  for (const [persona, path, name, ready] of BY_PERSONA) {
    const page = await as(browser, persona);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (ready) await ready(page);
    await shot(page, name);
    await page.context().close();
  }
});
