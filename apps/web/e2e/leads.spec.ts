import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { as, DEMO_PASSWORD, expectAccessible, expectNothingStored, openTab, signIn } from './support';

/**
 * The Leads area, as the demo personas: an LCSO investigator logs a tip naming the Burns ranch
 * foreman's phone, which DCI already works (demo-leads.ts: DCI's Rock Springs sales-crew lead), sees
 * whom to call while typing, triages the lead and promotes it to a case; the list filters live in the URL.
 */

const LEAD_URL = /\/leads\/[0-9a-f-]{36}$/;

/** Picks an option of an MUI select by its label. */
async function choose(page: Page, label: string | RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The facts card of a lead's page. */
const factsOf = (page: Page) => page.getByRole('region', { name: 'The lead' });

/** The references in the list, top to bottom. */
const references = (page: Page) => page.getByRole('table', { name: "Your agency's leads, newest first" }).getByRole('rowheader');

async function apiAs(request: APIRequestContext, username: string): Promise<(query: string, variables?: object) => Promise<unknown>> {
  const login = await request.post('/graphql', {
    data: {
      query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      variables: { i: { username, password: DEMO_PASSWORD } },
    },
  });
  const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
  return async (query, variables = {}) => {
    const res = await request.post('/graphql', { data: { query, variables }, headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };
}

test.describe('leads', () => {
  test("an LCSO investigator logs a lead with the foreman's phone, is told to call DCI while typing, triages and promotes it, adds a subject and a charge, shares the case with CPD at READ; CPD reads it without edit controls; after the revocation CPD gets not found", async ({
    page,
    context,
    browser,
  }) => {
    await signIn(page, 'lcso.investigator');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Leads' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leads');
    await expect(references(page).first()).toBeVisible();
    await expectAccessible(page, 'leads list');

    await page.getByRole('link', { name: 'Log a lead' }).click();
    await expect(page).toHaveURL(/\/leads\/new$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log a lead');

    // Checked before sending, in words, as the API would refuse it.
    await page.getByRole('button', { name: 'Log the lead' }).click();
    await expect(page.getByText('Describe what was reported (up to 20,000 characters).')).toBeVisible();
    await expect(page.getByText('Required', { exact: true })).toBeVisible();

    await choose(page, /^Source/, 'Hotline');
    await choose(page, /^Suspected type/, 'Labor trafficking');
    await choose(page, /^Venue or industry/, 'Agriculture and animal husbandry');
    await page
      .getByLabel('What was reported')
      .fill('Caller says a second crew of ranch hands near Burns works 14-hour days; the foreman keeps their passports.');
    await page.getByLabel('County').fill('Laramie');
    await page.getByLabel('City or town').fill('Burns');
    await page.getByRole('checkbox', { name: 'Identity documents held by someone else' }).check();
    await page.getByRole('checkbox', { name: 'Debt bondage' }).check();

    // The foreman's phone, written differently from both agencies' records: DCI's notice appears as it is typed.
    await page.getByRole('button', { name: 'Add a phone' }).click();
    const phone = page.getByRole('textbox', { name: 'Phone number 1' });
    const notice = page.getByRole('status').filter({ hasText: 'works this phone' });
    await phone.pressSequentially('307 555 018');
    await expect(page.getByText('A phone number with area code')).toBeVisible(); // not a phone yet: not asked about
    await expect(notice).toHaveCount(0);
    await phone.pressSequentially('7');
    await expect(notice).toHaveText(
      'Wyoming Division of Criminal Investigation (DCI) works this phone: call SA Carla Nez (+1 307 555 0130, ht-taskforce@dci.example.org) before acting.',
    );
    // Whom to call, never their record.
    await expect(page.getByText(/Rock Springs|sales crew|crew boss/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Add a plate' }).click();
    await page.getByRole('textbox', { name: 'Vehicle plate 1' }).fill('WY 9-3301');
    await expect(page.getByRole('status').filter({ hasText: 'No other agency works this plate.' })).toBeVisible();
    await expectAccessible(page, 'new lead');

    // A server error loses nothing that was typed.
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('mutation CreateLead')) {
        await route.fulfill({ json: { errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] } });
      } else await route.continue();
    });
    await page.getByRole('button', { name: 'Log the lead' }).click();
    await expect(page.getByRole('alert')).toContainText('Something went wrong on our side');
    await expect(phone).toHaveValue('307 555 0187');
    await expect(page.getByLabel('What was reported')).toHaveValue(/second crew of ranch hands/);
    await expect(page.getByRole('checkbox', { name: 'Debt bondage' })).toBeChecked();
    await page.unroute('**/graphql');

    await page.getByRole('button', { name: 'Log the lead' }).click();
    await expect(page).toHaveURL(LEAD_URL);
    const leadUrl = page.url();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Lead LCSO-L-2026-\d{4}$/);
    // No identifier in the address or the title.
    expect(leadUrl).not.toMatch(/555|3301/);
    await expect(page).toHaveTitle(/^Lead LCSO-L-2026-\d{4} · Task force$/);
    await expect(page.getByText('New', { exact: true })).toBeVisible();
    const identifiers = page.getByRole('table', { name: 'Identifiers' });
    await expect(identifiers.getByRole('row', { name: /307 555 0187/ })).toContainText(
      'Wyoming Division of Criminal Investigation (DCI) works this phone: call SA Carla Nez',
    );
    await expect(identifiers.getByRole('row', { name: /WY 9-3301/ })).toContainText('No other agency works this plate.');
    await expectAccessible(page, 'lead detail');

    // Triage: priority and assignee.
    await page.getByRole('button', { name: 'Triage' }).click();
    const triage = page.getByRole('dialog', { name: 'Triage the lead' });
    await choose(page, 'Priority', 'High');
    await choose(page, 'Assign to', 'Det. Marcus Reyes');
    await expectAccessible(page, 'triage dialog');
    await triage.getByRole('button', { name: 'Save the triage' }).click();
    await expect(page.getByText('The lead was triaged.')).toBeVisible();
    const facts = factsOf(page);
    await expect(facts).toContainText('StatusTriaged');
    await expect(facts).toContainText('PriorityHigh');
    await expect(facts).toContainText('Assigned toDet. Marcus Reyes');

    // Version-checked: a colleague triages it again meanwhile; this page's promotion is refused in words.
    const other = await context.newPage();
    await other.goto(leadUrl);
    await other.getByRole('button', { name: 'Triage' }).click();
    await choose(other, 'Priority', 'Urgent');
    await other.getByRole('button', { name: 'Save the triage' }).click();
    await expect(other.getByText('The lead was triaged.')).toBeVisible();
    await other.close();

    await page.getByRole('button', { name: 'Promote to a case' }).click();
    const promote = page.getByRole('dialog', { name: 'Promote to a case' });
    await promote.getByRole('button', { name: 'Open the case' }).click();
    await expect(promote.getByText('A title of 3 to 200 characters.')).toBeVisible();
    await promote.getByLabel('Case title').fill('Burns ranch: second crew');
    await expect(promote.getByLabel('Counties involved')).toHaveValue('Laramie');
    await promote.getByRole('checkbox', { name: 'Fraud' }).check();
    await expectAccessible(page, 'promote dialog');
    await promote.getByRole('button', { name: 'Open the case' }).click();
    await expect(promote.getByRole('alert')).toContainText(
      'Someone changed this record since you opened it: reload to see their change, then make yours again.',
    );
    await expect(promote.getByLabel('Case title')).toHaveValue('Burns ranch: second crew');

    await page.reload();
    await expect(facts).toContainText('PriorityUrgent');
    await page.getByRole('button', { name: 'Promote to a case' }).click();
    await promote.getByLabel('Case title').fill('Burns ranch: second crew');
    await promote.getByRole('button', { name: 'Open the case' }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop();

    await page.goto(leadUrl);
    await expect(facts).toContainText('StatusPromoted to case');
    await expect(page.getByRole('region', { name: 'What to do next' }).getByRole('link', { name: 'Open the case' })).toHaveAttribute(
      'href',
      `/cases/${caseId}`,
    );
    await expect(page.getByRole('button', { name: 'Triage' })).toHaveCount(0);

    // The case the lead became: a subject and a charge.
    await page.goto(`/cases/${caseId}`);
    await expect(page.getByText('Burns ranch: second crew', { exact: true }).first()).toBeVisible();
    await openTab(page, 'Subjects');
    await page.getByRole('button', { name: 'Add a subject' }).click();
    const subject = page.getByRole('dialog', { name: 'Add a subject' });
    await subject.getByLabel('Name or alias').fill('Foreman of the second crew');
    await subject.getByLabel('Role').selectOption('TRAFFICKER');
    await subject.getByRole('button', { name: 'Add a subject' }).click();
    await expect(subject).toBeHidden();
    await expect(page.getByRole('row', { name: /Foreman of the second crew/ })).toBeVisible();
    await openTab(page, 'Charges');
    await page.getByRole('button', { name: 'Add a charge' }).click();
    const charge = page.getByRole('dialog', { name: 'Charge a subject' });
    await charge.getByLabel('Statute').selectOption({ label: '18 U.S.C. 1589: Forced labor (NIBRS 64B)' });
    await charge.getByLabel('Filed on').fill(new Date().toISOString().slice(0, 10));
    await charge.getByRole('button', { name: 'Add a charge' }).click();
    await expect(charge).toBeHidden();
    await expect(page.getByRole('row', { name: /18 U\.S\.C\. 1589/ })).toContainText(/Foreman of the second crew.*Pending/);

    // Shared with CPD at READ: CPD reads it, with no edit control anywhere.
    await openTab(page, 'Participants and shares');
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Cheyenne Police Department' });
    await page.getByLabel('Access', { exact: true }).selectOption('READ');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByRole('row', { name: /Cheyenne Police Department/ })).toContainText('Read only');
    const cpd = await as(browser, 'cpd.investigator');
    await cpd.goto(`/cases/${caseId}`);
    await expect(cpd.getByText('Burns ranch: second crew', { exact: true }).first()).toBeVisible();
    await expect(cpd.getByRole('button', { name: /^(Edit|Move to|Close)/ })).toHaveCount(0);
    await openTab(cpd, 'Charges');
    await expect(cpd.getByRole('button', { name: 'Add a charge' })).toHaveCount(0);
    await expectAccessible(cpd, 'a case shared at READ');

    // Revoked: CPD's next view is "not found".
    await openTab(page, 'Participants and shares');
    await page.getByRole('button', { name: "Revoke Cheyenne Police Department's access" }).click();
    await page
      .getByRole('dialog', { name: 'Revoke the access of Cheyenne Police Department?' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect(page.getByText('The case is not shared yet. Share it below.')).toBeVisible();
    await cpd.reload();
    await expect(cpd.getByRole('alert')).toContainText('Not found, or you do not have access to it.');
    await expectNothingStored(cpd);
    await expectNothingStored(page);
  });

  test('a lead is closed as a duplicate of another, with the reason the API requires', async ({ page }) => {
    await signIn(page, 'lcso.investigator');
    await page.goto('/leads/new');
    await choose(page, /^Source/, 'Community tip');
    await page
      .getByLabel('What was reported')
      .fill('Neighbour again reports men arriving after midnight at the massage business on East Lincolnway.');
    await page.getByRole('button', { name: 'Log the lead' }).click();
    await expect(page).toHaveURL(LEAD_URL);
    await page.getByRole('button', { name: 'Close the lead' }).click();
    const close = page.getByRole('dialog', { name: 'Close the lead' });
    await choose(page, 'Close as', 'Duplicate');
    await close.getByLabel('Reason').fill('ok');
    await close.getByRole('button', { name: 'Close the lead' }).click();
    await expect(close.getByText('Give a reason of 3 to 2,000 characters.')).toBeVisible();
    await expect(close.getByText('Choose the lead it duplicates.')).toBeVisible();
    await choose(page, 'The lead it duplicates', 'LCSO-L-2026-0002');
    await close.getByLabel('Reason').fill('Same massage business and the same neighbour as LCSO-L-2026-0002.');
    await expectAccessible(page, 'close dialog');
    await close.getByRole('button', { name: 'Close the lead' }).click();
    await expect(page.getByText('The lead was closed.')).toBeVisible();
    const facts = factsOf(page);
    await expect(facts).toContainText('StatusDuplicate');
    await expect(facts).toContainText('Reason closedSame massage business');
    await expect(page.getByText('This lead is closed; it can no longer be triaged or promoted.')).toBeVisible();
    await facts.getByRole('link', { name: 'Open the lead it duplicates' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lead LCSO-L-2026-0002');
  });

  test('the list filters through the URL: a reload keeps them, a row opens its lead, an empty result says what to do', async ({ page }) => {
    await signIn(page, 'lcso.investigator');
    await page.goto('/leads');
    await expect(references(page).first()).toBeVisible();
    await choose(page, /^Source/, 'Patrol');
    await expect(page).toHaveURL(/[?&]source=PATROL/);
    await page.getByLabel('County').fill('laramie');
    await expect(page).toHaveURL(/[?&]county=laramie/);
    await expect(references(page)).toHaveText(['LCSO-L-2026-0004']);
    await page.reload();
    await expect(page.getByRole('combobox', { name: /^Source/ })).toHaveText('Patrol');
    await expect(page.getByLabel('County')).toHaveValue('laramie');
    await expect(references(page)).toHaveText(['LCSO-L-2026-0004']);

    await page.getByLabel('Received from').fill('2026-09-01');
    await expect(page).toHaveURL(/[?&]from=2026-09-01/);
    await expect(page.getByText('No leads match these filters.')).toBeVisible();
    await expect(page.getByText("Clear the filters to see all of your agency's leads, or log a new lead.")).toBeVisible();
    await expectAccessible(page, 'leads list, empty');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect(page).toHaveURL(/\/leads$/);
    await expect(page.getByLabel('County')).toHaveValue('');

    // A link with filters opens them; what the URL says that is not a filter is ignored.
    await page.goto('/leads?status=PROMOTED&type=SEX&assignee=not-a-uuid');
    await expect(page.getByRole('combobox', { name: /^Status/ })).toHaveText('Promoted to case');
    await expect(page.getByRole('combobox', { name: /^Suspected type/ })).toHaveText('Sex trafficking');
    await expect(references(page)).toHaveText(['LCSO-L-2026-0003']);
    await page
      .getByRole('row', { name: /LCSO-L-2026-0003/ })
      .getByRole('cell', { name: 'School' })
      .click();
    await expect(page).toHaveURL(LEAD_URL);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lead LCSO-L-2026-0003');
  });

  test('cursor paging: "Load more" brings the next page of leads', async ({ page, request }) => {
    const api = await apiAs(request, 'fbi.investigator');
    for (let i = 0; i < 25; i++) {
      await api('mutation($i: CreateLeadInput!) { createLead(input: $i) { lead { id } } }', {
        i: {
          source: 'HOTLINE',
          receivedAt: new Date(Date.UTC(2026, 6, 1 + i)).toISOString(),
          narrative: `Paging tip ${i + 1}`,
          suspectedType: 'SEX',
          county: 'Natrona',
        },
      });
    }
    await signIn(page, 'fbi.investigator');
    await page.goto('/leads');
    await expect(references(page)).toHaveCount(25);
    await expect(page.getByText('25 leads shown')).toBeVisible();
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(references(page)).toHaveCount(26);
    await expect(page.getByText('26 leads shown')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  });

  test('Spanish: the leads list in words', async ({ page }) => {
    await signIn(page, 'lcso.investigator');
    await page.getByTestId('language').locator('..').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Español' }).click();
    await page.getByRole('navigation', { name: 'Áreas' }).getByRole('link', { name: 'Pistas' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pistas');
    await expect(page).toHaveTitle('Pistas · Grupo de trabajo');
    await expect(page.getByRole('heading', { name: 'Filtros' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Las pistas de su agencia, de la más reciente a la más antigua' });
    await expect(table.getByRole('columnheader')).toHaveText([
      'Referencia',
      'Recibida',
      'Origen',
      'Estado',
      'Prioridad',
      'Tipo sospechado',
      'Lugar',
      'Asignada a',
    ]);
    await expect(table.getByRole('row', { name: /LCSO-L-2026-0004/ })).toContainText('Infundada');
    await expect(table.getByRole('row', { name: /LCSO-L-2026-0004/ })).toContainText('Patrulla');
    await expect(page.getByRole('link', { name: 'Registrar una pista' })).toBeVisible();
    await expectAccessible(page, 'leads list (es)');
    await choose(page, /^Estado/, 'Duplicada');
    await choose(page, /^Origen/, 'Escuela');
    await expect(page.getByText('Ninguna pista coincide con estos filtros.')).toBeVisible();
  });

  test('a refusal in words: CPD cannot open an LCSO lead', async ({ page }) => {
    await signIn(page, 'lcso.investigator');
    await page.goto('/leads');
    const href = await page.getByRole('link', { name: 'LCSO-L-2026-0002' }).getAttribute('href');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'cpd.investigator');
    await page.goto(href!);
    await expect(page.getByRole('alert')).toContainText('Not found, or you do not have access to it.');
    await expect(page.getByRole('alert')).toContainText('The lead was not found, or you do not have access to it.');
    await expect(page.getByText('Wyoming Division')).toHaveCount(0);
    await expectAccessible(page, 'lead refused');
    await page.goto('/leads');
    await expect(references(page).first()).toBeVisible();
    await expect(page.getByRole('link', { name: /^LCSO-/ })).toHaveCount(0);
  });
});
