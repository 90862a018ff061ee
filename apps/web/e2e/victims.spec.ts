import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, expectNothingStored, signIn } from './support';

/**
 * The survivor screens, as the demo personas: High Plains Safe Harbor (a shelter) keeps a survivor's
 * identity and shares it with DCI only under a consent it records and revokes; DCI reads it with a
 * purpose and learns in words when it may not. No identity value may reach a URL, a page title or
 * browser storage at any point, or stay in the page once the view ends.
 */

/** Every address and title a page shows, to check at the end that no identity value was ever in one. */
function watch(page: Page) {
  const seen = { urls: [] as string[], titles: [] as string[] };
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) seen.urls.push(f.url()); });
  return {
    seen,
    async note() { seen.urls.push(page.url()); seen.titles.push(await page.title()); },
  };
}

/** None of the values in the page (text, attributes, what inputs hold), its address, its title, or browser storage. */
async function expectNoIdentity(page: Page, values: string[]): Promise<void> {
  const dom = await page.evaluate(() => document.documentElement.outerHTML + '\n' + [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value).join('\n'));
  for (const v of values) {
    expect(dom, `"${v}" is still in the page`).not.toContain(v);
    expect(decodeURIComponent(page.url())).not.toContain(v);
    expect(await page.title()).not.toContain(v);
  }
  await expectNothingStored(page);
}

function expectNeverShown(seen: { urls: string[]; titles: string[] }, values: string[]): void {
  for (const v of values) {
    for (const u of seen.urls) expect(decodeURIComponent(u)).not.toContain(v);
    for (const t of seen.titles) expect(t).not.toContain(v);
  }
}

/** Presses Tab (and nothing else) until the element has the focus. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** In an open select, arrow keys until the option is focused, then Enter. */
async function arrowTo(page: Page, option: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.locator('[role="option"]:focus').textContent()) === option) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${option}`);
}

async function choose(page: Page, select: string | RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: select }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function showIdentity(page: Page, purpose: string): Promise<void> {
  await page.getByRole('button', { name: 'Show identity' }).click();
  const dialog = page.getByRole('dialog', { name: 'Why do you need the identity?' });
  await dialog.getByLabel('Purpose').fill(purpose);
  await dialog.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(dialog).toBeHidden();
}

const SURVIVOR = { name: 'Marisol Quintana Reyes', alias: 'Mari (name used by the recruiter)', phone: '+1 307 555 0199', birthDate: '1998-04-17' };

test.describe('survivors, identity and consent', () => {
  test('the shelter registers a survivor and shares the identity with DCI by consent (by keyboard); DCI reads it with a purpose; once revoked, DCI sees why and no identity', async ({ browser }) => {
    test.setTimeout(300_000);
    const identityValues = [SURVIVOR.name, SURVIVOR.alias, SURVIVOR.phone];
    const shelter = await (await browser.newContext()).newPage();
    const shelterSeen = watch(shelter);
    await signIn(shelter, 'safeharbor.advocate');
    await shelter.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Survivors' }).click();
    await expect(shelter.getByRole('heading', { level: 1 })).toHaveText('Survivors');
    await expect(shelter.getByRole('region', { name: 'Consents ending within 14 days' })).toContainText('Wyoming Division of Criminal Investigation');
    await expectAccessible(shelter, 'survivors list');

    // Register: the identity and a profile that identifies no one.
    await shelter.getByRole('link', { name: 'Register a survivor' }).click();
    await expect(shelter.getByRole('heading', { level: 1 })).toHaveText('Register a survivor');
    await expectAccessible(shelter, 'register');
    await shelter.getByLabel('Legal name').fill(SURVIVOR.name);
    await shelter.getByLabel('Aliases').fill(SURVIVOR.alias);
    await shelter.getByLabel('Date of birth').fill(SURVIVOR.birthDate);
    await shelter.getByLabel('Languages').fill('Spanish, English');
    await shelter.getByLabel('Phone').fill(SURVIVOR.phone);
    await shelter.getByLabel('Email').fill('   ');
    await choose(shelter, /^Age/, '25 to 34');
    await choose(shelter, /^Gender/, 'Female');
    await choose(shelter, /^Trafficking experienced/, 'Labor trafficking');
    await shelter.getByRole('checkbox', { name: 'Recent migration or relocation' }).check();
    await shelter.getByRole('checkbox', { name: 'In shelter' }).check();
    await shelterSeen.note();
    await expectNothingStored(shelter);
    await shelter.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(shelter).toHaveURL(/\/victims\/[0-9a-f-]{36}$/);
    const heading = shelter.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(/^Survivor V-\d{4}-\d{4}$/);
    const code = (await heading.textContent())!.replace('Survivor ', '');
    await expect(shelter.getByText('Safety: In shelter.')).toBeVisible();
    await expect(shelter.getByText('Hidden. Showing it asks for a purpose')).toBeVisible();
    await shelterSeen.note();
    await expectNoIdentity(shelter, identityValues);
    await expectAccessible(shelter, 'survivor detail');

    // The shelter's own advocate sees all of it, for this view only.
    await showIdentity(shelter, 'Safety planning');
    const shown = shelter.getByTestId('identity');
    await expect(shown).toContainText(SURVIVOR.name);
    await expect(shown).toContainText(SURVIVOR.phone);
    await expect(shown).toContainText('Apr 17, 1998');
    await expectAccessible(shelter, 'identity shown');
    await shelterSeen.note();
    await expectNothingStored(shelter);
    await shelter.getByRole('link', { name: 'All survivors' }).click();
    await expect(heading).toHaveText('Survivors');
    await expectNoIdentity(shelter, identityValues);
    await shelter.goBack();
    await expect(heading).toHaveText(`Survivor ${code}`);
    await expect(shelter.getByText('Hidden. Showing it asks for a purpose')).toBeVisible();
    await expectNoIdentity(shelter, identityValues);

    // Record the consent to DCI with the keyboard only: Tab, Enter, Space, arrows (and typing the words).
    await tabTo(shelter, shelter.getByRole('tab', { name: 'Profile and cases' }));
    await shelter.keyboard.press('ArrowRight');
    await expect(shelter.getByRole('tab', { name: 'Consents (0)' })).toBeFocused();
    await shelter.keyboard.press('Enter');
    await expect(shelter.getByRole('tab', { name: 'Consents (0)' })).toHaveAttribute('aria-selected', 'true');
    await expect(shelter.getByText('No consent recorded: nothing identifying is shared with another agency.')).toBeVisible();
    await tabTo(shelter, shelter.getByRole('button', { name: 'Record a consent' }));
    await shelter.keyboard.press('Enter');
    const dialog = shelter.getByRole('dialog', { name: `Record a consent for ${code}` });
    await expect(dialog).toBeVisible();
    await expectAccessible(shelter, 'record a consent');
    await tabTo(shelter, dialog.getByRole('combobox', { name: /Shared with/ }));
    await shelter.keyboard.press('ArrowDown');
    await arrowTo(shelter, 'Wyoming Division of Criminal Investigation');
    await expect(dialog.getByRole('combobox', { name: /Shared with/ })).toHaveText('Wyoming Division of Criminal Investigation');
    await tabTo(shelter, dialog.getByRole('checkbox', { name: /^Identity:/ }));
    await shelter.keyboard.press('Space');
    await expect(dialog.getByRole('checkbox', { name: /^Identity:/ })).toBeChecked();
    await tabTo(shelter, dialog.getByLabel('Purpose'));
    await shelter.keyboard.type('Victim interview for the DCI investigation');
    await tabTo(shelter, dialog.getByLabel('Witness'));
    await shelter.keyboard.type('B. Sandoval');
    await tabTo(shelter, dialog.getByRole('button', { name: 'Record the consent' }));
    await shelter.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    const dciRow = shelter.getByRole('row', { name: /Wyoming Division of Criminal Investigation/ });
    await expect(dciRow).toContainText('In force');
    await expect(dciRow).toContainText('Identity');
    await expect(dciRow).toContainText('Witness: B. Sandoval');
    await expectAccessible(shelter, 'consents');

    // DCI, in its own browser: the survivor is reachable through the consent alone.
    const dci = await (await browser.newContext()).newPage();
    const dciSeen = watch(dci);
    await signIn(dci, 'dci.investigator');
    await dci.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Survivors' }).click();
    await dci.getByRole('link', { name: code }).click();
    await expect(dci.getByRole('heading', { level: 1 })).toHaveText(`Survivor ${code}`);
    await expect(dci.getByText('Kept by High Plains Safe Harbor (shelter and advocacy).')).toBeVisible();
    await expectNoIdentity(dci, identityValues);
    await expectAccessible(dci, 'survivor detail (DCI)');
    await showIdentity(dci, 'Victim interview');
    const dciShown = dci.getByTestId('identity');
    await expect(dciShown).toContainText(SURVIVOR.name);
    await expect(dciShown).toContainText(SURVIVOR.alias);
    await expect(dciShown).toContainText('Not released to your agency: Phone, Email, Address, Health notes.');
    await expect(dciShown).not.toContainText(SURVIVOR.phone);
    await expectAccessible(dci, 'identity shown (DCI)');
    await dciSeen.note();
    await expectNothingStored(dci);
    // Leaving the record hides it.
    await dci.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Survivors' }).click();
    await expect(dci.getByRole('heading', { level: 1 })).toHaveText('Survivors');
    await expectNoIdentity(dci, identityValues);

    // The shelter also shares services with DCI, then revokes the identity consent.
    await shelter.getByRole('button', { name: 'Record a consent' }).click();
    await choose(shelter, /Shared with/, 'Wyoming Division of Criminal Investigation');
    await dialog.getByRole('checkbox', { name: /^Services:/ }).check();
    await dialog.getByLabel('Purpose').fill('Victim-witness coordination');
    await dialog.getByRole('button', { name: 'Record the consent' }).click();
    await expect(dialog).toBeHidden();
    await expect(shelter.getByRole('tab', { name: 'Consents (2)' })).toBeVisible();
    const identityRow = shelter.getByRole('row', { name: /Victim interview for the DCI investigation/ });
    await identityRow.getByRole('button', { name: 'Revoke the consent to Wyoming Division of Criminal Investigation' }).click();
    const revoke = shelter.getByRole('dialog', { name: 'Revoke the consent to Wyoming Division of Criminal Investigation' });
    await expectAccessible(shelter, 'revoke a consent');
    await revoke.getByLabel('Reason').fill('The survivor asked to stop sharing her identity');
    await revoke.getByRole('button', { name: 'Revoke the consent' }).click();
    await expect(revoke).toBeHidden();
    await expect(identityRow).toContainText('Revoked');
    await expect(identityRow).toContainText('Reason: The survivor asked to stop sharing her identity');

    // DCI's next view: no identity, and why in words.
    await dci.getByRole('link', { name: code }).click();
    await showIdentity(dci, 'Victim interview');
    const refusal = dci.getByTestId('identity-refusal');
    await expect(refusal).toContainText(/High Plains Safe Harbor \(shelter and advocacy\) revoked the consent to your agency on \w{3} \d{1,2}, \d{4}\./);
    await expect(refusal).toContainText('Only a new release signed by the survivor and recorded by High Plains Safe Harbor (shelter and advocacy) would open it again. Contact: Beth Sandoval, +1 307 555 0200.');
    await expect(dci.getByTestId('identity')).toHaveCount(0);
    await expectNoIdentity(dci, identityValues);
    await expectAccessible(dci, 'identity refused (DCI)');
    await dci.getByRole('tab', { name: /^Consents/ }).click();
    await expect(dci.getByRole('row', { name: /Victim interview for the DCI investigation/ })).toContainText('Revoked');
    await expect(dci.getByRole('row', { name: /Victim interview for the DCI investigation/ })).not.toContainText('The survivor asked');

    // The last consent revoked: the survivor leaves DCI's sight, and DCI is told the consent stopped.
    const servicesRow = shelter.getByRole('row', { name: /Victim-witness coordination/ });
    await servicesRow.getByRole('button', { name: /^Revoke the consent/ }).click();
    await revoke.getByLabel('Reason').fill('Case closed with the survivor');
    await revoke.getByRole('button', { name: 'Revoke the consent' }).click();
    await expect(servicesRow).toContainText('Revoked');
    await showIdentity(dci, 'Victim interview');
    await expect(refusal).toContainText('Your agency can no longer see this survivor: the consent naming your agency');
    await expect(refusal).toContainText('has been revoked or has otherwise stopped.');
    await expectNoIdentity(dci, identityValues);

    // Sign-out leaves nothing behind, on either side.
    await dci.getByRole('button', { name: 'Sign out' }).click();
    await expect(dci).toHaveURL(/\/signin$/);
    await expectNoIdentity(dci, identityValues);
    await shelter.getByRole('tab', { name: 'Profile and cases' }).click();
    await showIdentity(shelter, 'Service coordination');
    await expect(shelter.getByTestId('identity')).toContainText(SURVIVOR.name);
    await shelter.getByRole('button', { name: 'Sign out' }).click();
    await expect(shelter).toHaveURL(/\/signin$/);
    await expectNoIdentity(shelter, identityValues);
    expectNeverShown(shelterSeen.seen, identityValues);
    expectNeverShown(dciSeen.seen, identityValues);
  });
});
