import AxeBuilder from '@axe-core/playwright';
import { Browser, expect, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../api/src/seed/demo-data';

export { DEMO_PASSWORD };

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Areas' })).toBeVisible();
}

/**
 * Waits for every finite animation and transition (a dialog fading in, a label moving) to end: axe
 * reads colours as they are painted, and half-way through a fade a button's text is half its contrast.
 * Endless ones (a spinner) are left running.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** axe on the screen as it is: no serious or critical violation (WCAG 2.1 AA). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}

/** Nothing of the session or of a record in browser storage: tokens live in memory only. */
export async function expectNothingStored(page: Page): Promise<void> {
  const stored = await page.evaluate(async () => ({
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    idb: (await indexedDB.databases()).length,
    cookies: document.cookie,
  }));
  expect(stored).toEqual({ local: 0, session: 0, idb: 0, cookies: '' });
}

/** A second person, in a browser context of their own, signed in. */
export async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

/** A tab of the case detail, by the start of its name ("Subjects (2)"). */
export const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

export async function openTab(page: Page, name: string): Promise<void> {
  await tab(page, name).click();
  await expect(tab(page, name)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel').getByRole('heading', { level: 2, name: new RegExp(`^${name}`) })).toBeVisible();
}
