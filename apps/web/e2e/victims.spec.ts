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
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) seen.urls.push(f.url());
  });
  return {
    seen,
    async note() {
      seen.urls.push(page.url());
      seen.titles.push(await page.title());
    },
  };
}

/** None of the values in the page (text, attributes, what inputs hold), its address, its title, or browser storage. */
async function expectNoIdentity(page: Page, values: string[]): Promise<void> {
  const dom = await page.evaluate(
    () =>
      document.documentElement.outerHTML +
      '\n' +
      [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value).join('\n'),
  );
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
  throw new Error(`Tab never reached ${target.toString()}`);
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

/** The registration form, as an advocate fills it (a blank email is left as spaces: the console sends nothing for it). */
async function fillRegistration(page: Page, who: { name: string; birthDate: string; alias?: string; phone?: string }): Promise<void> {
  await page.getByLabel('Legal name').fill(who.name);
  if (who.alias) await page.getByLabel('Aliases').fill(who.alias);
  await page.getByLabel('Date of birth').fill(who.birthDate);
  await page.getByLabel('Languages').fill('Spanish, English');
  if (who.phone) await page.getByLabel('Phone').fill(who.phone);
  await page.getByLabel('Email').fill('   ');
  await choose(page, /^Age/, '25 to 34');
  await choose(page, /^Gender/, 'Female');
  await choose(page, /^Trafficking experienced/, 'Labor trafficking');
  await page.getByRole('checkbox', { name: 'Recent migration or relocation' }).check();
  await page.getByRole('checkbox', { name: 'In shelter' }).check();
}

/** Registers a survivor through the screens; answers the new record's code. */
async function register(page: Page, who: { name: string; birthDate: string }): Promise<string> {
  await page.goto('/victims/new');
  await fillRegistration(page, who);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page).toHaveURL(/\/victims\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Survivor V-\d{4}-\d{4}$/);
  return (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Survivor ', '');
}

const SURVIVOR = {
  name: 'Marisol Quintana Reyes',
  alias: 'Mari (name used by the recruiter)',
  phone: '+1 307 555 0199',
  birthDate: '1998-04-17',
};

test.describe('survivors, identity and consent', () => {
  test('the shelter registers a survivor and shares the identity with DCI by consent (by keyboard); DCI reads it with a purpose; once revoked, DCI sees why and no identity', async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const identityValues = [SURVIVOR.name, SURVIVOR.alias, SURVIVOR.phone];
    const shelter = await (await browser.newContext()).newPage();
    const shelterSeen = watch(shelter);
    await signIn(shelter, 'safeharbor.advocate');
    await shelter.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Survivors' }).click();
    await expect(shelter.getByRole('heading', { level: 1 })).toHaveText('Survivors');
    await expect(shelter.getByRole('region', { name: 'Consents ending within 14 days' })).toContainText(
      'Wyoming Division of Criminal Investigation',
    );
    await expectAccessible(shelter, 'survivors list');

    // Register: the identity and a profile that identifies no one.
    await shelter.getByRole('link', { name: 'Register a survivor' }).click();
    await expect(shelter.getByRole('heading', { level: 1 })).toHaveText('Register a survivor');
    await expectAccessible(shelter, 'register');
    await fillRegistration(shelter, SURVIVOR);
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
    // A correction, with its reason (audited; the values never are).
    await shown.getByRole('button', { name: 'Correct the identity' }).click();
    const correct = shelter.getByRole('dialog', { name: 'Correct the identity' });
    await expect(correct.getByLabel('Legal name')).toHaveValue(SURVIVOR.name);
    await expectAccessible(shelter, 'correct the identity');
    await correct.getByLabel('Languages').fill('Spanish');
    await correct.getByLabel('Reason for the correction').fill('She reads English only with help');
    await correct.getByRole('button', { name: 'Save the correction' }).click();
    await expect(correct).toBeHidden();
    await expect(shown).toContainText('Spanish');
    await expect(shown).not.toContainText('Spanish, English');
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
    await expect(refusal).toContainText(
      /High Plains Safe Harbor \(shelter and advocacy\) revoked the consent to your agency on \w{3} \d{1,2}, \d{4}\./,
    );
    await expect(refusal).toContainText(
      'Only a new release signed by the survivor and recorded by High Plains Safe Harbor (shelter and advocacy) would open it again. Contact: Beth Sandoval, +1 307 555 0200.',
    );
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

  test('services: the shelter records needs and moves them only as the rules allow; the provider keeps its own notes and works its list', async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const shelter = await (await browser.newContext()).newPage();
    await signIn(shelter, 'safeharbor.advocate');
    const code = await register(shelter, { name: 'Yolanda Pérez Castillo', birthDate: '2001-09-30' });
    await shelter.getByRole('tab', { name: 'Services (0)' }).click();
    await expect(shelter).toHaveURL(/\?tab=services$/);
    await expect(shelter.getByText('No needs recorded yet.')).toBeVisible();

    // A need the shelter provides itself.
    await shelter.getByRole('button', { name: 'Record a need' }).click();
    const add = shelter.getByRole('dialog', { name: `Record a need of ${code}` });
    await expectAccessible(shelter, 'record a need');
    await choose(shelter, /^Need/, 'Emergency shelter');
    await choose(shelter, /^Provided by/, 'High Plains Safe Harbor (shelter and advocacy)');
    await add.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(add).toBeHidden();
    const shelterCard = shelter.getByRole('article', { name: 'Emergency shelter' });
    await expect(shelterCard).toContainText('Requested');
    await expect(shelterCard).toContainText('Provided by your agency');

    // Only the next steps the API allows are offered, step by step, until it is finished.
    await shelterCard.getByRole('button', { name: 'Update' }).click();
    const move = shelter.getByRole('dialog', { name: 'Update: Emergency shelter' });
    await expectAccessible(shelter, 'update a service');
    await move.getByRole('combobox', { name: /New status/ }).click();
    await expect(shelter.getByRole('option')).toHaveText(['Keep as it is', 'In progress', 'Provided', 'Declined', 'Unavailable']);
    await shelter.getByRole('option', { name: 'In progress' }).click();
    await move.getByRole('button', { name: 'Save' }).click();
    await expect(move).toBeHidden();
    await expect(shelterCard).toContainText('In progress');
    await expect(shelterCard).toContainText('started');
    await shelterCard.getByRole('button', { name: 'Update' }).click();
    await move.getByRole('combobox', { name: /New status/ }).click();
    await expect(shelter.getByRole('option')).toHaveText(['Keep as it is', 'Provided', 'Declined']);
    await shelter.getByRole('option', { name: 'Provided' }).click();
    await move.getByLabel('Outcome').fill('Moved to transitional housing');
    await move.getByRole('button', { name: 'Save' }).click();
    await expect(move).toBeHidden();
    await expect(shelterCard).toContainText('Provided');
    await expect(shelterCard).toContainText('Outcome: Moved to transitional housing');
    await expect(shelterCard.getByRole('button', { name: 'Update' })).toHaveCount(0);

    // The provider's own notes.
    await shelterCard.getByLabel('New note').fill('Room 2, ground floor; keep the curtains closed.');
    await shelterCard.getByRole('button', { name: 'Add the note' }).click();
    await expect(shelterCard).toContainText('Room 2, ground floor; keep the curtains closed.');
    await expect(shelterCard).toContainText('Beth Sandoval');

    // A need another agency provides: the shelter sees no notes of it.
    await shelter.getByRole('button', { name: 'Record a need' }).click();
    await choose(shelter, /^Need/, 'Legal advocacy');
    await choose(shelter, /^Provided by/, 'Wyoming Division of Victim Services');
    await add.getByLabel('Detail').fill('T visa');
    await add.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(add).toBeHidden();
    const legal = shelter.getByRole('article', { name: 'Legal advocacy' });
    await expect(legal).toContainText('Provided by Wyoming Division of Victim Services');
    await expect(legal.getByRole('region', { name: /Provider notes/ })).toHaveCount(0);
    await expectAccessible(shelter, 'services');

    // The Division of Victim Services works the list of what it is asked to provide.
    const dvs = await (await browser.newContext()).newPage();
    await signIn(dvs, 'dvs.advocate');
    await dvs.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Survivors' }).click();
    await dvs.getByRole('link', { name: 'Services asked of us' }).click();
    await expect(dvs.getByRole('heading', { level: 1 })).toHaveText('Services asked of my agency');
    await choose(dvs, /^Status/, 'Requested');
    await expect(dvs).toHaveURL(/\/victims\/provided\?status=REQUESTED$/);
    const asked = dvs.getByRole('article', { name: `${code}: Legal advocacy` });
    await expect(asked).toContainText('asked by High Plains Safe Harbor (shelter and advocacy)');
    await expectAccessible(dvs, 'services asked of us');
    await asked.getByLabel('New note').fill('Intake booked with the legal clinic.');
    await asked.getByRole('button', { name: 'Add the note' }).click();
    await expect(asked).toContainText('Intake booked with the legal clinic.');
    await asked.getByRole('button', { name: 'Update' }).click();
    await dvs.getByRole('combobox', { name: /New status/ }).click();
    await dvs.getByRole('option', { name: 'In progress' }).click();
    await dvs.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect(asked).toHaveCount(0); // no longer REQUESTED
    await dvs.reload();
    await choose(dvs, /^Status/, 'In progress');
    await expect(dvs.getByRole('article', { name: `${code}: Legal advocacy` })).toBeVisible();

    // The provider reaches the survivor by code, but no identity without a consent, and says why.
    await dvs
      .getByRole('article', { name: `${code}: Legal advocacy` })
      .getByRole('link', { name: code })
      .click();
    await expect(dvs.getByRole('heading', { level: 1 })).toHaveText(`Survivor ${code}`);
    await showIdentity(dvs, 'Service coordination');
    await expect(dvs.getByTestId('identity-refusal')).toContainText(
      'High Plains Safe Harbor (shelter and advocacy) has not recorded a consent to your agency.',
    );
    await expect(dvs.getByTestId('identity-refusal')).toContainText('The survivor would have to sign a release naming your agency');
    await expectNoIdentity(dvs, ['Yolanda Pérez Castillo']);

    // Back at the shelter: the provider's move shows, its note does not.
    await shelter.reload();
    await expect(legal).toContainText('In progress');
    await expect(legal).not.toContainText('Intake booked');
  });

  test('find by name and birth date, the likely-duplicate warning, Spanish and a tablet; a shown identity hides itself after a minute idle', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.clock.install();
    const seen = watch(page);
    const known = { name: 'Li Wen Zhao', birthDate: '1985-11-04' };
    await signIn(page, 'safeharbor.advocate');
    await page.goto('/victims');
    // Whose survivors: the filter lives in the URL and survives a reload.
    const list = page.getByRole('table', { name: 'Survivors, by code' });
    await expect(list.getByRole('row', { name: /Laramie County Sheriff's Office/ }).first()).toBeVisible();
    await choose(page, /^Whose survivors/, 'Kept by my agency');
    await expect(page).toHaveURL(/\/victims\?keeps=mine$/);
    await page.reload();
    await expect(page.getByRole('combobox', { name: /^Whose survivors/ })).toHaveText('Kept by my agency');
    await expect(list.getByRole('row', { name: /Laramie County Sheriff's Office/ })).toHaveCount(0);
    await expect(list.getByRole('row', { name: /My agency/ }).first()).toBeVisible();
    const find = page.getByRole('region', { name: 'Find a survivor your agency keeps' });
    await find.getByLabel('Full legal name').fill('Zhao');
    await find.getByLabel('Date of birth').fill(known.birthDate);
    await find.getByRole('button', { name: 'Search' }).click();
    await expect(find).toContainText('The full name: at least a first and a last name.');
    await find.getByLabel('Full legal name').fill(known.name);
    await find.getByRole('button', { name: 'Search' }).click();
    await expect(find).toContainText('One survivor of your agency has that name and date of birth:');
    await expect(page).toHaveURL(/\/victims\?keeps=mine$/); // what was typed is not in the address
    await seen.note();
    await expectNothingStored(page);
    await expectAccessible(page, 'find a survivor');
    const found = find.getByRole('link', { name: /^V-\d{4}-\d{4}$/ });
    const code = (await found.textContent())!;

    // Registering the same person again: warned before anything is written.
    await page.getByRole('link', { name: 'Register a survivor' }).click();
    await fillRegistration(page, known);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Your agency already keeps a survivor with this name and date of birth' });
    await expect(warning).toContainText('It is probably the same person.');
    await expect(warning.getByRole('link', { name: code })).toBeVisible();
    await expectAccessible(page, 'likely duplicate');
    await warning.getByRole('link', { name: code }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Survivor ${code}`);
    await seen.note();
    await expectNoIdentity(page, [known.name]);

    // Shown, then hidden after a minute without activity.
    await showIdentity(page, 'Court preparation');
    await expect(page.getByTestId('identity')).toContainText(known.name);
    await page.clock.fastForward('00:50');
    await expect(page.getByTestId('identity')).toContainText(known.name);
    await page.clock.fastForward('00:15');
    await expect(page.getByTestId('identity')).toHaveCount(0);
    await expectNoIdentity(page, [known.name]);

    // Spanish, on a tablet.
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.getByTestId('language').locator('..').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Español' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sobreviviente ${code}`);
    await expect(page.getByRole('tab', { name: 'Perfil y casos' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Mostrar la identidad' })).toBeVisible();
    await expectAccessible(page, 'survivor detail (es, 768)');
    await page.getByRole('tab', { name: /^Consentimientos/ }).click();
    await expect(page.getByRole('row', { name: /Wyoming Division of Criminal Investigation/ })).toContainText(/Vigente|Revocado|Vencido/);
    await expectAccessible(page, 'consents (es, 768)');
    await page.getByRole('link', { name: 'Todos los sobrevivientes' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sobrevivientes');
    await expect(
      page.getByRole('region', { name: 'Buscar a un/a sobreviviente que custodia su agencia' }).getByLabel('Nombre legal completo'),
    ).toHaveValue('');
    await expectAccessible(page, 'survivors (es, 768)');
    await seen.note();
    expectNeverShown(seen.seen, [known.name]);
  });

  test("from a survivor's record, the custodial advocate sends a referral and records legal matters", async ({ page }) => {
    await signIn(page, 'lcso.advocate');
    // Only the custodial agency refers a survivor: a survivor the agency keeps, not one shared with it.
    await page.goto('/victims?keeps=mine');
    await page.getByRole('row').filter({ hasText: 'My agency' }).first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/victims\/[0-9a-f-]{36}/);
    const victimId = new URL(page.url()).pathname.split('/')[2];
    await page.getByRole('link', { name: 'Send a survivor referral' }).click();
    await expect(page).toHaveURL(new RegExp(`/referrals/new\\?victim=${victimId}$`));
    await page.goBack();
    await page.getByRole('tab', { name: /Legal/ }).click();
    await page.getByRole('link', { name: 'Record or change legal matters' }).click();
    await expect(page).toHaveURL(new RegExp(`/deadlines/victims/${victimId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legal matters and deadlines');
    await expectAccessible(page, 'legal matters from the record');
  });
});
