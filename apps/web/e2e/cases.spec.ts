import { expect, Page, test } from '@playwright/test';
import { as, expectAccessible, expectNothingStored, openTab, signIn, tab } from './support';

/**
 * The Cases area, as the demo personas: LCSO opens a case, works it and shares it with CPD; CPD
 * reads it without edit controls until LCSO revokes; the U.S. Attorney's Office records a
 * disposition on the Burns ranch case; two detectives edit one summary at once; Spanish.
 */
test.describe.configure({ mode: 'serial' });

const NOT_FOUND = 'Not found, or you do not have access to it.';
const CONFLICT = 'Someone changed this record since you opened it: reload to see their change, then make yours again.';
const FORBIDDEN = 'You do not have access to do this.';
const today = () => new Date().toISOString().slice(0, 10);

/** The case opened in the first test, for the ones after it. */
let caseUrl = '';

/** Adds a note on the open case and finds it under its byline (agency · author). */
async function addNote(page: Page, body: string, byline: string): Promise<void> {
  await openTab(page, 'Notes');
  await page.getByLabel('New note').fill(body);
  await page.getByRole('button', { name: 'Add the note' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: body })).toContainText(byline);
}

const chargeRow = (page: Page, citation: RegExp) => page.getByRole('row', { name: citation });

test.describe('cases', () => {
  test('an LCSO investigator filters the list, opens a case through the form, adds a subject with an identifier and a charge, and shares the case with CPD at READ', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, 'lcso.investigator');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Cases' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cases');
    await expect(page.getByRole('row')).toHaveCount(6);
    await expectAccessible(page, 'case list');

    // Filters live in the URL and survive a reload; an empty result says what to do.
    await page.getByLabel('Status').selectOption({ label: 'Referred for prosecution' });
    await expect(page).toHaveURL(/status=/);
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('link', { name: 'LCSO-2026-0002' })).toBeVisible();
    await page.getByLabel('Lead or shared').selectOption({ label: 'Shared with my agency' });
    await expect(page).toHaveURL(/scope=shared/);
    await expect(page.getByText('No cases match these filters. Change or clear them.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Lead or shared')).toHaveValue('shared');
    await expectAccessible(page, 'case list (empty)');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByLabel('County').fill('Sweetwater');
    await expect(page).toHaveURL(/county=Sweetwater/);
    await expect(page.getByRole('row')).toHaveCount(2);
    await page
      .getByRole('row', { name: /DCI-2026-0001/ })
      .getByRole('cell')
      .nth(1)
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Case DCI-2026-0001');
    await expect(page.getByText('Your agency reads this case; it cannot change it.')).toBeVisible();
    await page.goBack();

    // Open a case: the form checks what the API would refuse, and keeps what was typed.
    await page.goto('/cases');
    await page.getByRole('link', { name: 'Open a case' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open a case');
    await page.getByLabel('Title').fill('ab');
    await page.getByRole('button', { name: 'Open the case' }).click();
    await expect(page.getByText('Between 3 and 200 characters.')).toBeVisible();
    await page.getByLabel('Title').fill('Truck-stop labor crew on I-80');
    await page.getByLabel('Trafficking type').selectOption('LABOR');
    await page.getByLabel('Venue or industry').selectOption({ label: 'Construction' });
    await page.getByLabel('Fraud').check();
    const counties = page.getByRole('combobox', { name: 'Counties' });
    await counties.fill('Laramie');
    await counties.press('Enter');
    await expect(page.getByRole('button', { name: 'Laramie' })).toBeVisible();
    await page.getByLabel('Summary').fill('Men picked up at the truck stop before dawn; a crew boss keeps their pay for "rent".');
    await page.getByRole('button', { name: 'Add an identifier' }).click();
    await page.getByRole('group', { name: 'Identifier 1' }).getByLabel('Kind').selectOption('PLATE');
    await page.getByRole('group', { name: 'Identifier 1' }).getByLabel('Value').fill('WY 5-7731');
    await expectAccessible(page, 'open a case');
    await page.getByRole('button', { name: 'Open the case' }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Case LCSO-2026-\d{4}$/);
    // The page title names the record by its number only.
    await expect(page).toHaveTitle(/^Case LCSO-2026-\d{4} · Task force$/);
    caseUrl = new URL(page.url()).pathname;
    await expect(page.getByText('Truck-stop labor crew on I-80', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('Construction')).toBeVisible();
    // An investigator moves the case along; only a supervisor closes it.
    await expect(page.getByRole('button', { name: 'Move to Active' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Close the case' })).toHaveCount(0);
    await expectAccessible(page, 'case summary');

    // A subject with an identifier another agency works: the match says whom to call.
    await openTab(page, 'Subjects');
    await expect(page.getByText('No subjects recorded yet.')).toBeVisible();
    await expectAccessible(page, 'subjects (empty)');
    await page.getByRole('button', { name: 'Add a subject' }).click();
    const subject = page.getByRole('dialog', { name: 'Add a subject' });
    await subject.getByLabel('Name or alias').fill('Crew boss "Tito"');
    await subject.getByLabel('Role').selectOption('TRAFFICKER');
    await subject.getByRole('button', { name: 'Add an identifier' }).click();
    await subject.getByRole('group', { name: 'Identifier 1' }).getByLabel('Value').fill('555-0129');
    await subject.getByRole('button', { name: 'Add a subject' }).click();
    await expect(subject.getByText('A phone number with area code (e.g. 307-555-0142), or + and the country code.')).toBeVisible();
    await subject.getByRole('group', { name: 'Identifier 1' }).getByLabel('Value').fill('307-555-0129');
    await expectAccessible(page, 'add a subject');
    await subject.getByRole('button', { name: 'Add a subject' }).click();
    await expect(subject).toBeHidden();
    await expect(page.getByRole('alert')).toContainText('Cheyenne Police Department works this Phone.');
    await expect(page.getByRole('row', { name: /Crew boss "Tito"/ })).toContainText('Phone: 307-555-0129');
    await expect(tab(page, 'Subjects')).toHaveText('Subjects (1)');

    // A charge from the statute catalogue.
    await openTab(page, 'Charges');
    await page.getByRole('button', { name: 'Add a charge' }).click();
    const charge = page.getByRole('dialog', { name: 'Charge a subject' });
    await expect(charge.getByLabel('Subject')).toHaveValue(/.+/);
    await charge.getByLabel('Statute').selectOption({ label: '18 U.S.C. 1589: Forced labor (NIBRS 64B)' });
    await charge.getByLabel('Counts').fill('3');
    await charge.getByLabel('Filed on').fill(today());
    await expectAccessible(page, 'add a charge');
    await charge.getByRole('button', { name: 'Add a charge' }).click();
    await expect(charge).toBeHidden();
    await expect(chargeRow(page, /18 U\.S\.C\. 1589/)).toContainText(/Crew boss "Tito".*Pending/);
    await expectAccessible(page, 'charges');

    // A note, a task marked done, and the deconfliction check.
    await addNote(page, 'Plate seen at the truck stop on three mornings.', 'LCSO · Det. Marcus Reyes');
    await expectAccessible(page, 'notes');
    await openTab(page, 'Tasks');
    await page.getByRole('button', { name: 'Add a task' }).click();
    const task = page.getByRole('dialog', { name: 'Add a task' });
    await task.getByLabel('Task').fill('Photograph the van at the truck stop');
    await task.getByLabel('Due on').fill('2026-12-20');
    await task.getByRole('button', { name: 'Add a task' }).click();
    await expect(task).toBeHidden();
    await page.getByRole('button', { name: 'Mark "Photograph the van at the truck stop" done' }).click();
    await expect(page.getByRole('row', { name: /Photograph the van/ })).toContainText('Done on');
    await expectAccessible(page, 'tasks');
    await openTab(page, 'Victims');
    await expect(page.getByText('No victims are linked to this case.')).toBeVisible();
    await expectAccessible(page, 'victims');
    await openTab(page, 'Referrals');
    await expect(page.getByText('No referrals of this case.')).toBeVisible();
    await expectAccessible(page, 'referrals');
    await openTab(page, 'Deconfliction');
    await page.getByRole('button', { name: 'Check all with other agencies' }).click();
    await expect(page.getByRole('row', { name: /Phone: 307-555-0129/ })).toContainText('Cheyenne Police Department');
    await expect(page.getByRole('row', { name: /Vehicle plate: WY 5-7731/ })).toContainText('No other agency');
    await expectAccessible(page, 'deconfliction');

    // Share with CPD at READ.
    await openTab(page, 'Participants and shares');
    await expect(page.getByText('The case is not shared yet. Share it below.')).toBeVisible();
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Cheyenne Police Department' });
    await page.getByLabel('Access', { exact: true }).selectOption('READ');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByRole('row', { name: /Cheyenne Police Department/ })).toContainText('Read only');
    await expectAccessible(page, 'participants and shares');
    await expectNothingStored(page);
  });

  test('CPD on a READ share sees the case with no edit controls; a control it had is refused once the level drops; after LCSO revokes, the case is not found', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    expect(caseUrl).not.toBe('');
    const lcso = await as(browser, 'lcso.investigator');
    const cpd = await as(browser, 'cpd.investigator');
    await cpd.goto(caseUrl);
    await expect(cpd.getByRole('heading', { level: 1 })).toHaveText(/^Case LCSO-2026-\d{4}$/);
    await expect(cpd.getByText('Your agency reads this case; it cannot change it.')).toBeVisible();
    await expect(cpd.getByRole('group', { name: 'Case actions' })).toHaveCount(0);
    await expect(cpd.getByRole('button', { name: 'Edit the summary' })).toHaveCount(0);
    await expectAccessible(cpd, 'case summary (read only)');
    await openTab(cpd, 'Subjects');
    await expect(cpd.getByRole('row', { name: /Crew boss "Tito"/ })).toBeVisible();
    await expect(cpd.getByRole('button', { name: 'Add a subject' })).toHaveCount(0);
    await openTab(cpd, 'Charges');
    await expect(chargeRow(cpd, /18 U\.S\.C\. 1589/)).toBeVisible();
    await expect(cpd.getByRole('button', { name: /^(Add a charge|Update)/ })).toHaveCount(0);
    await expect(cpd.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
    await expectAccessible(cpd, 'charges (read only)');
    await openTab(cpd, 'Notes');
    await expect(cpd.getByLabel('New note')).toHaveCount(0);
    await openTab(cpd, 'Tasks');
    await expect(cpd.getByRole('button', { name: /^(Add a task|Mark|Reopen)/ })).toHaveCount(0);
    await openTab(cpd, 'Participants and shares');
    await expect(cpd.getByRole('button', { name: /^(Revoke|Change|Share)/ })).toHaveCount(0);
    await expectAccessible(cpd, 'participants (read only)');
    await expectNothingStored(cpd);

    // LCSO raises CPD to CONTRIBUTE: CPD's next view has the note box.
    await lcso.goto(`${caseUrl}?tab=shares`);
    await lcso.getByRole('button', { name: 'Change Cheyenne Police Department to Contribute' }).click();
    await expect(lcso.getByRole('row', { name: /Cheyenne Police Department/ })).toContainText('Contribute');
    await cpd.goto(`${caseUrl}?tab=notes`);
    await expect(cpd.getByLabel('New note')).toBeVisible();
    // LCSO lowers it to READ again while CPD's page is open: CPD's note is refused in words, and kept.
    await lcso.getByRole('button', { name: 'Change Cheyenne Police Department to Read only' }).click();
    await expect(lcso.getByRole('row', { name: /Cheyenne Police Department/ })).toContainText('Read only');
    await cpd.getByLabel('New note').fill('CPD saw the same van on Lincolnway.');
    await cpd.getByRole('button', { name: 'Add the note' }).click();
    await expect(cpd.getByRole('alert')).toContainText(FORBIDDEN);
    await expect(cpd.getByRole('alert')).toContainText('your agency has READ access');
    await expect(cpd.getByLabel('New note')).toHaveValue('CPD saw the same van on Lincolnway.');

    // LCSO revokes: CPD's next view of the case is NOT_FOUND, and the case leaves CPD's list.
    await lcso.getByRole('button', { name: "Revoke Cheyenne Police Department's access" }).click();
    const confirm = lcso.getByRole('dialog', { name: 'Revoke the access of Cheyenne Police Department?' });
    await expectAccessible(lcso, 'revoke a share');
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await expect(confirm).toBeHidden();
    await expect(lcso.getByText('The case is not shared yet. Share it below.')).toBeVisible();
    await cpd.goto(caseUrl);
    await expect(cpd.getByRole('alert')).toContainText(NOT_FOUND);
    await expect(cpd.getByRole('heading', { level: 1 })).toHaveText('Case');
    await expectAccessible(cpd, 'case not found');
    await cpd.getByRole('link', { name: 'Back to the cases' }).click();
    await expect(cpd.getByRole('heading', { level: 1 })).toHaveText('Cases');
    await expect(cpd.getByRole('link', { name: 'CPD-2026-0001' })).toBeVisible();
    await expect(cpd.getByRole('row', { name: /Truck-stop labor crew/ })).toHaveCount(0);
  });

  test("the U.S. Attorney's Office sees the cases shared with it and records a disposition on a Burns ranch charge (on a tablet)", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, 'usao.prosecutor');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto('/cases');
    await expect(page.getByRole('row')).toHaveCount(3);
    await expectAccessible(page, 'case list (prosecutor, tablet)');
    await page.getByRole('link', { name: 'LCSO-2026-0002' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Case LCSO-2026-0002');
    await expect(page.getByText('Our access: Contributes')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Edit the summary' })).toHaveCount(0);
    await expectAccessible(page, 'case summary (prosecutor, tablet)');
    await openTab(page, 'Subjects');
    await expect(page.getByRole('button', { name: 'Add a subject' })).toHaveCount(0);
    await openTab(page, 'Charges');
    await expect(page.getByRole('button', { name: 'Add a charge' })).toBeVisible();
    await page.getByRole('button', { name: 'Update 18 U.S.C. 1589 against Dale Rourke (foreman)' }).click();
    const dialog = page.getByRole('dialog', { name: '18 U.S.C. 1589 against Dale Rourke (foreman)' });
    await dialog.getByLabel('Disposition', { exact: true }).selectOption('PLEA');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('A disposition needs its date.')).toBeVisible();
    await dialog.getByLabel('Disposition date').fill(today());
    await dialog.getByLabel('Sentence').fill('36 months, supervised release 3 years');
    await expectAccessible(page, 'update a charge');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(chargeRow(page, /18 U\.S\.C\. 1589/)).toContainText(
      new RegExp(`Plea \\(${today()}\\)36 months, supervised release 3 years`),
    );
    await expectAccessible(page, 'charges (prosecutor, tablet)');
    await addNote(page, 'Plea entered to count one; sentencing as agreed.', 'USAO · AUSA Elena Marsh');
    await expectNothingStored(page);
  });

  test('two detectives edit one summary: the second save shows the conflict, keeps the typed text, and can go on from their version', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    expect(caseUrl).not.toBe('');
    const first = await as(browser, 'lcso.investigator');
    const second = await as(browser, 'lcso.investigator2');
    for (const p of [first, second]) {
      await p.goto(caseUrl);
      await p.getByRole('button', { name: 'Edit the summary' }).click();
      await expect(p.getByRole('heading', { name: 'Edit the case' })).toBeVisible();
    }
    await first.getByRole('textbox', { name: 'Summary' }).fill('Crew of five confirmed; pay withheld weekly.');
    await first.getByRole('button', { name: 'Save' }).click();
    await expect(first.getByRole('button', { name: 'Edit the summary' })).toBeVisible();
    await expect(first.getByText('Crew of five confirmed; pay withheld weekly.')).toBeVisible();

    await second.getByRole('textbox', { name: 'Title' }).fill('Truck-stop labor crew on I-80 (Pine Bluffs)');
    await second.getByRole('textbox', { name: 'Summary' }).fill('Second account: the crew boss drives a white Econoline.');
    await second.getByRole('button', { name: 'Save' }).click();
    await expect(second.getByRole('alert')).toContainText(CONFLICT);
    await expect(second.getByRole('textbox', { name: 'Summary' })).toHaveValue('Second account: the crew boss drives a white Econoline.');
    await expect(second.getByRole('textbox', { name: 'Title' })).toHaveValue('Truck-stop labor crew on I-80 (Pine Bluffs)');
    await expect(second.getByText(/Their change, now shown on the case: Summary\./)).toBeVisible();
    await expectAccessible(second, 'summary conflict');
    await second.getByRole('button', { name: 'Continue from their version' }).click();
    await second.getByRole('button', { name: 'Save' }).click();
    await expect(second.getByRole('button', { name: 'Edit the summary' })).toBeVisible();
    await expect(second.getByText('Second account: the crew boss drives a white Econoline.')).toBeVisible();
    await expect(second.getByText('Truck-stop labor crew on I-80 (Pine Bluffs)').first()).toBeVisible();
  });

  test('Spanish: the case detail in every word of its frame', async ({ page }) => {
    await signIn(page, 'lcso.investigator');
    await page.goto('/cases');
    await page.getByRole('link', { name: 'LCSO-2026-0002' }).click();
    await page.getByTestId('language').locator('..').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Español' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Caso LCSO-2026-0002');
    await expect(page).toHaveTitle('Caso LCSO-2026-0002 · Grupo de trabajo');
    await expect(page.getByRole('tablist', { name: 'Partes del caso' }).getByRole('tab')).toHaveText([
      'Resumen',
      'Sujetos (2)',
      'Cargos (2)',
      'Notas (4)',
      'Tareas (2)',
      'Víctimas (1)',
      'Participantes y accesos (3)',
      'Derivaciones',
      'Desconflicción (4)',
    ]);
    await expect(page.getByRole('button', { name: 'Editar el resumen' })).toBeVisible();
    await expect(page.getByText('Agencia principal', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('Remitido a la fiscalía').first()).toBeVisible();
    await expectAccessible(page, 'case summary (es)');
    await openTab(page, 'Cargos');
    await expect(page.getByRole('columnheader', { name: 'Resolución' })).toBeVisible();
    await expect(chargeRow(page, /18 U\.S\.C\. 1589/)).toContainText('Acuerdo de culpabilidad');
  });

  test('a supervisor of the lead agency moves the case along and closes it; a closed case is read-only, notes included', async ({
    page,
  }) => {
    expect(caseUrl).not.toBe('');
    await signIn(page, 'lcso.supervisor');
    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'Move to Active' }).click();
    await expect(page.getByRole('button', { name: 'Move to Referred for prosecution' })).toBeVisible();
    await expect(page.getByText('Active', { exact: true }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Close the case' }).click();
    const dialog = page.getByRole('dialog', { name: /^Close case LCSO-2026-\d{4}$/ });
    // Resolved is for adjudicated cases only.
    await expect(dialog.getByLabel('Close as').locator('option')).toHaveText(['Unfounded', 'Insufficient evidence']);
    await dialog.getByLabel('Close as').selectOption('INSUFFICIENT_EVIDENCE');
    await dialog.getByLabel('Reason').fill('Workers interviewed with an interpreter came and went freely.');
    await expectAccessible(page, 'close a case');
    await dialog.getByRole('button', { name: 'Close the case' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Closed: Insufficient evidence')).toBeVisible();
    await expect(page.getByRole('group', { name: 'Case actions' })).toHaveCount(0);
    await openTab(page, 'Subjects');
    await expect(page.getByRole('button', { name: 'Add a subject' })).toHaveCount(0);
    await openTab(page, 'Notes');
    await expect(page.getByLabel('New note')).toHaveCount(0);
    await openTab(page, 'Participants');
    await expect(page.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  });
});
