import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, expectNothingStored, signIn } from './support';

/**
 * Referrals and deadlines, as the demo personas: LCSO's advocate works her reminders and deadlines
 * and refers the Burns ranch worker (V-2026-0001) to the shelter for housing; the shelter accepts it
 * in its inbox; the U.S. Attorney's prosecutor sees the accepted Burns ranch case referral.
 */

const REASON = 'Safe-housing placement ends this week: transitional housing away from the ranch, with Spanish-speaking staff.';
const SHELTER = 'High Plains Safe Harbor (shelter and advocacy)';
const HSI = 'Homeland Security Investigations, Casper';

/** YYYY-MM-DD, some days from today. */
/** A calendar day from today, as the browser sees today: in the task force's time zone (playwright.config's timezoneId). */
function day(offset: number): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number);
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false);
}

/** Tab (forward) until the control has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** A select by keyboard: Tab to it, open it with Enter, arrows to the option, Enter. */
async function choose(page: Page, combobox: Locator, option: string): Promise<void> {
  await tabTo(page, combobox);
  await page.keyboard.press('Enter');
  const listbox = page.getByRole('listbox');
  await expect(listbox).toBeVisible();
  const wanted = listbox.getByRole('option', { name: option, exact: true });
  // The list does not wrap: down from the current choice, then up.
  for (let i = 0; i < 30 && !(await isFocused(wanted)); i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 30 && !(await isFocused(wanted)); i++) await page.keyboard.press('ArrowUp');
  await expect(wanted).toBeFocused();
  await page.keyboard.press('Enter');
  // Gone, not only hidden: the menu fades out before it leaves the page.
  await expect(page.locator('.MuiMenu-root')).toHaveCount(0);
  await expect(combobox).toContainText(option);
}

let sentId = '';

test.describe.serial('referrals and deadlines', () => {
  test('the advocate sees the overdue T-visa declaration reminder, marks a deadline met, dismisses a reminder and records a court date', async ({
    page,
  }) => {
    await signIn(page, 'lcso.advocate');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Deadlines' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deadlines and reminders');
    const reminders = page.getByRole('region', { name: 'My reminders' });
    // Overdue first, with its rule named.
    const first = reminders.getByRole('listitem').first();
    await expect(first).toContainText('Overdue');
    await expect(first.getByRole('heading', { level: 3 })).toHaveText('T/U-visa declaration answer (follow up after 90 days)');
    await expect(first).toContainText('V-2026-0001');
    await expect(first).toContainText('T-visa declaration (I-914 Supplement B) requested of Homeland Security Investigations, Casper');
    const table = page.getByRole('table', { name: 'Deadlines, overdue first' });
    await expect(table.getByRole('row').nth(1)).toContainText('Overdue');
    await expect(table).toContainText("Crime victims' compensation claim (one year after the crime)");
    await expect(table).toContainText('Civil-action window for exploitation as a minor');
    await expectAccessible(page, 'deadlines');

    // Mark the minor's compensation claim met: what was done is required (spaces are not an answer).
    const rule = "Crime victims' compensation claim (one year after the crime)";
    await page.getByRole('button', { name: `Mark met: ${rule}, V-2026-0002` }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark this deadline met' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Met on')).toHaveValue(day(0));
    await dialog.getByLabel('What was done').fill('   ');
    await dialog.getByRole('button', { name: 'Mark met' }).click();
    await expect(dialog.getByText('Say what was done (at least 3 characters).')).toBeVisible();
    await expectAccessible(page, 'mark met dialog');
    await dialog.getByLabel('What was done').fill('Claim filed on paper with the Division of Victim Services.');
    await dialog.getByRole('button', { name: 'Mark met' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Marked met.' })).toBeVisible();
    await expect(page.getByRole('button', { name: `Mark met: ${rule}, V-2026-0002` })).toHaveCount(0);
    await page.getByRole('button', { name: 'Met', exact: true }).click();
    await expect(page).toHaveURL(/show=met/);
    const met = page.getByRole('table', { name: 'Deadlines, overdue first' }).getByRole('row').filter({ hasText: rule });
    await expect(met).toContainText('V-2026-0002');
    await expect(met).toContainText('recorded by hand');
    await expect(met).toContainText('Claim filed on paper with the Division of Victim Services.');
    await page.getByRole('button', { name: 'Open and overdue' }).click();

    // A reminder dismissed; the deadline stays.
    await page.getByRole('button', { name: 'Dismiss the reminder: Court date, V-2026-0001' }).click();
    await expect(page.getByText('Reminder dismissed (the deadline stays).')).toBeVisible();
    await expect(reminders.getByRole('listitem')).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: 'Detention hearing of the ranch foreman' })).toHaveCount(1);

    // The survivor's legal matters, from the reminder: a court date recorded, its deadline follows.
    await reminders.getByRole('link', { name: 'Legal matters of V-2026-0001' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legal matters and deadlines');
    const panel = page.getByRole('region', { name: 'Legal matters · V-2026-0001' });
    const visa = panel.getByRole('article', { name: 'T-visa declaration (I-914 Supplement B)' });
    await expect(visa).toContainText('Homeland Security Investigations, Casper');
    await expect(visa).toContainText('No answer yet');
    await expect(visa).toContainText('T/U-visa declaration answer (follow up after 90 days)');
    await expect(visa).toContainText('Overdue');
    await expect(panel.getByRole('article', { name: 'Continued Presence' })).toContainText('Continued Presence renewal request');
    await expectAccessible(page, 'legal matters');
    await panel.getByRole('button', { name: 'Record a legal matter' }).click();
    const record = page.getByRole('dialog', { name: 'Record a legal matter' });
    await record.getByRole('combobox', { name: /Kind/ }).click();
    await page.getByRole('option', { name: 'Court date' }).click();
    await record.getByRole('button', { name: 'Save' }).click();
    await expect(record.getByText('Give the day of the hearing.')).toBeVisible();
    await expect(record.getByText('Say what the hearing is.')).toBeVisible();
    await expectAccessible(page, 'record a legal matter');
    await record.getByLabel('Day of the hearing').fill(day(40));
    await record.getByLabel('Description').fill('Sentencing hearing of the ranch foreman, U.S. District Court, Cheyenne');
    await record.getByRole('button', { name: 'Save' }).click();
    await expect(record).toBeHidden();
    await expect(panel.getByText('Recorded; the deadlines follow.')).toBeVisible();
    const court = panel.getByRole('article').filter({ hasText: 'Sentencing hearing of the ranch foreman' });
    await expect(court).toContainText('Court date · Due');
    // Moved a week later: the deadline follows.
    await court.getByRole('button', { name: 'Change: Court date' }).click();
    const change = page.getByRole('dialog', { name: 'Change the legal matter' });
    await change.getByLabel('Day of the hearing').fill(day(47));
    await change.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByText('Changed; the deadlines follow.')).toBeVisible();
    const due = new Date(`${day(47)}T00:00:00`).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
    await expect(court).toContainText(`Court date · Due ${due} · Open`);
    await expectNothingStored(page);
  });

  test('the advocate sends the urgent housing referral to the shelter, keyboard only, after seeing what the shelter will see', async ({
    page,
  }) => {
    await signIn(page, 'lcso.advocate');
    await page.goto('/referrals?direction=OUTGOING');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Referrals');
    await expect(page.getByRole('tab', { name: 'Outbox' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('button', { name: 'Pending (1)' })).toBeVisible();
    await expectAccessible(page, 'outbox');

    await tabTo(page, page.getByRole('link', { name: 'Send a survivor referral' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Send a survivor referral');
    await expect(page).toHaveURL(/\/referrals\/new$/);
    const form = page.getByRole('form', { name: 'Send a survivor referral' });
    await choose(page, form.getByRole('combobox', { name: /Survivor \(code\)/ }), 'V-2026-0001');
    // HSI holds a live IDENTITY consent for this survivor: sharing the identity is offered; the shelter holds none: it is not.
    await choose(page, form.getByRole('combobox', { name: /Send to/ }), HSI);
    await expect(form.getByRole('checkbox', { name: `Share the survivor’s identity with ${HSI}` })).toBeVisible();
    await choose(page, form.getByRole('combobox', { name: /Send to/ }), SHELTER);
    await expect(form.getByRole('checkbox')).toHaveCount(0);
    await expect(form).toContainText(`The identity will not be shared: no live IDENTITY consent names ${SHELTER}.`);
    await choose(page, form.getByRole('combobox', { name: /Service asked for/ }), 'Housing');
    await choose(page, form.getByRole('combobox', { name: /Urgency/ }), 'Urgent (usually within 24 hours)');
    await expectAccessible(page, 'send a referral');
    await tabTo(page, form.getByRole('textbox', { name: 'Reason' }));
    await page.keyboard.type(REASON);
    await tabTo(page, form.getByRole('button', { name: 'Review what the receiver sees' }));
    await page.keyboard.press('Enter');

    const preview = page.getByRole('region', { name: `Before you send: what ${SHELTER} will see` });
    await expect(preview).toContainText('V-2026-0001: Housing');
    for (const fact of [
      'Survivor service',
      "Laramie County Sheriff's Office",
      'Urgent',
      '25 to 34',
      'Male',
      'Labor trafficking',
      'The survivor’s identity is not shared.',
      REASON,
    ]) {
      await expect(preview).toContainText(fact);
    }
    // Nothing that names the person: the receiver sees the code and the profile only.
    await expect(page.locator('body')).not.toContainText('Jesús');
    await expect(page.locator('body')).not.toContainText('Renee Calloway,');
    await expectAccessible(page, 'referral preview');
    await tabTo(page, page.getByRole('button', { name: 'Send the referral' }));
    await page.keyboard.press('Space');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Referral');
    await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
    sentId = page.url().split('/').pop()!;
    const facts = page.getByRole('region', { name: 'The referral' });
    await expect(facts).toContainText('Pending');
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Sent');
    await expect(page.getByRole('region', { name: 'Your answer' }).getByRole('button', { name: 'Withdraw' })).toBeVisible();
    await expectAccessible(page, 'referral (sender)');
    await expect(page).toHaveTitle('Referral · Task force');
    await expectNothingStored(page);
  });

  test('the shelter accepts it in its inbox, keyboard only; a decline of spaces is refused before sending; the inbox in Spanish', async ({
    page,
  }) => {
    const answersSent: string[] = [];
    page.on('request', (r) => {
      const body = r.postData() ?? '';
      if (r.url().endsWith('/graphql') && /declineReferral|acceptReferral/.test(body)) answersSent.push(body);
    });
    await signIn(page, 'safeharbor.advocate');
    await page.goto('/referrals');
    await expect(page.getByRole('tab', { name: 'Inbox' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('button', { name: 'Pending (2)' })).toBeVisible();
    await expectAccessible(page, 'inbox');
    const table = page.getByRole('table', { name: 'Referrals, newest first' });
    await expect(table.getByRole('row').nth(1)).toContainText("Laramie County Sheriff's Office");

    // Newest first: the referral just sent.
    await tabTo(page, table.getByRole('link', { name: 'V-2026-0001: Housing' }).first());
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/referrals/${sentId}$`));
    const brief = page.getByRole('region', { name: 'What the receiving agency sees' });
    await expect(brief).toContainText(REASON);
    await expect(brief).toContainText('The survivor’s identity is not shared.');
    await expect(page.getByRole('region', { name: 'The referral' })).toContainText(
      'Which case or survivor this is stays hidden until your agency accepts.',
    );
    await expectAccessible(page, 'referral (receiver)');
    await tabTo(page, page.getByRole('button', { name: 'Accept' }));
    await page.keyboard.press('Enter');
    const accept = page.getByRole('dialog', { name: 'Accept this referral' });
    await expect(accept).toContainText('A service opens for the survivor at your agency');
    await expectAccessible(page, 'accept dialog');
    await tabTo(page, accept.getByRole('button', { name: 'Accept' }));
    await page.keyboard.press('Enter');
    await expect(accept).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Accepted.' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'The referral' })).toContainText('Accepted');
    await expect(page.getByRole('link', { name: 'Open survivor V-2026-0001' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Accepted');
    await expect(page.getByRole('region', { name: 'Your answer' }).getByRole('button', { name: 'Complete' })).toBeVisible();
    expect(answersSent).toHaveLength(1);

    // The demo's own pending housing referral: declining with a reason of spaces is refused in the browser.
    await page.getByRole('link', { name: 'Back to the referrals' }).click();
    await page.getByRole('button', { name: 'Pending (1)' }).click();
    await expect(page).toHaveURL(/status=PENDING/);
    await page.getByRole('table', { name: 'Referrals, newest first' }).getByRole('link', { name: 'V-2026-0001: Housing' }).click();
    await page.getByRole('button', { name: 'Decline' }).click();
    const decline = page.getByRole('dialog', { name: 'Decline this referral' });
    await decline.getByRole('textbox', { name: 'Reason' }).fill('      ');
    await decline.getByRole('button', { name: 'Decline' }).click();
    await expect(decline.getByText('Say why, in a few words (at least 3 characters).')).toBeVisible();
    await expect(decline.getByRole('textbox', { name: 'Reason' })).toBeFocused();
    await expectAccessible(page, 'decline dialog');
    expect(answersSent).toHaveLength(1);
    await decline.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('region', { name: 'The referral' })).toContainText('Pending');

    // Spanish: the inbox.
    await page.getByTestId('language').locator('..').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Español' }).click();
    await page.getByRole('navigation', { name: 'Áreas' }).getByRole('link', { name: 'Derivaciones' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Derivaciones');
    await expect(page.getByRole('tab', { name: 'Recibidas' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name: 'Enviadas' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pendiente (1)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Aceptada (1)' })).toBeVisible();
    const tabla = page.getByRole('table', { name: 'Derivaciones, las más recientes primero' });
    await expect(tabla.getByRole('columnheader')).toHaveText(['Sobre', 'Enviada', 'De', 'Urgencia', 'Estado', 'Responder antes de']);
    await expect(tabla).toContainText('V-2026-0001: Vivienda');
    await expect(tabla).toContainText('Servicio para sobreviviente');
    await expect(tabla).toContainText('Urgente');
    await expect(page).toHaveTitle('Derivaciones · Grupo de trabajo');
    await expectAccessible(page, 'inbox (es)');
    await expectNothingStored(page);
  });

  test('the sender sees the answer; the prosecutor sees the accepted Burns ranch case referral', async ({ browser }) => {
    const sender = await browser.newContext();
    const lcso = await sender.newPage();
    await signIn(lcso, 'lcso.advocate');
    await lcso.goto(`/referrals/${sentId}`);
    await expect(lcso.getByRole('region', { name: 'The referral' })).toContainText('Accepted');
    await expect(lcso.getByRole('region', { name: 'History' })).toContainText(`Accepted`);
    await expect(lcso.getByRole('region', { name: 'History' })).toContainText(`someone at ${SHELTER}`);
    await expect(lcso.getByRole('region', { name: 'Your answer' })).toHaveCount(0);
    await sender.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'usao.prosecutor');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Referrals' }).click();
    await page.getByRole('button', { name: 'Accepted (1)' }).click();
    await expect(page).toHaveURL(/direction=INCOMING/);
    await expect(page).toHaveURL(/status=ACCEPTED/);
    const row = page
      .getByRole('table', { name: 'Referrals, newest first' })
      .getByRole('row')
      .filter({ hasText: 'Labor trafficking case, Laramie' });
    await expect(row).toContainText("Laramie County Sheriff's Office");
    await expect(row).toContainText('Accepted');
    await expectAccessible(page, 'inbox (prosecutor)');
    await row.getByRole('link').click();
    await expect(page.getByRole('link', { name: /Burns ranch: H-2A workers, passports held by foreman/ })).toBeVisible();
    const brief = page.getByRole('region', { name: 'What the receiving agency sees' });
    for (const fact of [
      'Case',
      'Labor trafficking',
      'Agriculture and animal husbandry',
      'Laramie',
      'Contribute',
      'requesting federal prosecution',
    ])
      await expect(brief).toContainText(fact);
    const history = page.getByRole('region', { name: 'History' });
    await expect(history).toContainText('Sent');
    await expect(history).toContainText('Accepted');
    await expect(page.getByRole('region', { name: 'Your answer' }).getByRole('button', { name: 'Complete' })).toBeVisible();
    await expectAccessible(page, 'referral (prosecutor)');
    await expectNothingStored(page);
    await context.close();
  });
});
