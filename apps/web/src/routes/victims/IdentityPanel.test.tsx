import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { queryClient } from '../../api/query-client';
import { session } from '../../api/session';
import type { VictimQuery } from '../../gql/graphql';
import { IdentityPanel } from './IdentityPanel';

const NAME = 'Marisol Quintana Reyes';
const PHONE = '+1 307 555 0199';
const custodian = { id: 'hpsh', name: 'High Plains Safe Harbor', contactName: 'Beth Sandoval', contactPhone: '+1 307 555 0200' };
const victim = {
  id: 'v1',
  code: 'V-2026-0042',
  custodial: true,
  custodialAgency: custodian,
  consentsGiven: [],
} as unknown as VictimQuery['victim'];
const identity = {
  legalName: NAME,
  aliases: null,
  birthDate: '1998-04-17',
  languages: 'Spanish',
  immigrationStatus: null,
  phone: PHONE,
  email: null,
  address: null,
  healthNotes: null,
};

function answer(data: unknown) {
  return vi.fn((_url: string, _init: RequestInit) =>
    Promise.resolve(new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } })),
  );
}

/** Everything the query and mutation caches hold, as text. */
function cached(): string {
  return JSON.stringify([
    queryClient
      .getQueryCache()
      .getAll()
      .map((q) => [q.queryKey, q.state.data]),
    queryClient
      .getMutationCache()
      .getAll()
      .map((m) => m.state),
  ]);
}

async function show(purpose = 'Safety planning') {
  // (Queries include what a closing dialog still hides from assistive technology: MUI's transitions run on timers.)
  fireEvent.click(screen.getByRole('button', { name: 'Show identity', hidden: true }));
  fireEvent.change(await screen.findByLabelText(/Purpose/), { target: { value: purpose } });
  // The async act: React runs what the request's answer sets off before it resolves.
  await act(() => {
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    return Promise.resolve();
  });
  await waitFor(() => expect(screen.queryAllByRole('dialog', { hidden: true })).toHaveLength(0));
}

function renderPanel() {
  queryClient.setQueryData(['victim', victim.id], { victim });
  return render(
    <QueryClientProvider client={queryClient}>
      <IdentityPanel victim={victim} />
    </QueryClientProvider>,
  );
}

describe('the identity panel', () => {
  beforeEach(() => {
    session.signedIn(
      'token',
      {
        userId: 'u1',
        username: 'safeharbor.advocate',
        displayName: 'Beth Sandoval',
        roles: ['VICTIM_ADVOCATE'],
        permissions: ['VICTIM_READ', 'VICTIM_WRITE', 'CONSENT_MANAGE'],
        agencyId: 'hpsh',
        mfaEnabled: false,
      },
      { enrolmentRequired: false },
    );
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    queryClient.clear();
  });

  it('sends the purpose, shows the released fields, and keeps the identity out of the query cache', async () => {
    const fetch = answer({
      victim: {
        id: 'v1',
        custodial: true,
        consentsGiven: [],
        identity: { denial: null, released: ['legalName', 'birthDate', 'languages', 'phone'], version: 3, identity },
      },
    });
    vi.stubGlobal('fetch', fetch);
    const { container } = renderPanel();
    expect(container.textContent).not.toContain(NAME);
    await show();
    const sent = JSON.parse(fetch.mock.calls[0][1].body as string) as { variables: unknown };
    expect(sent.variables).toEqual({ id: 'v1', purpose: 'Safety planning' });
    expect(await screen.findByText(NAME)).toBeTruthy();
    expect(screen.getByText(PHONE)).toBeTruthy();
    expect(screen.getByText('Not released to your agency: Aliases, Immigration status, Email, Address, Health notes.')).toBeTruthy();
    expect(cached()).not.toContain(NAME);
    fireEvent.click(screen.getByRole('button', { name: 'Hide identity', hidden: true }));
    expect(container.innerHTML).not.toContain(NAME);
    expect(cached()).not.toContain(NAME);
  });

  it('hides it at sign-out and after a minute without activity', async () => {
    vi.stubGlobal(
      'fetch',
      answer({
        victim: { id: 'v1', custodial: true, consentsGiven: [], identity: { denial: null, released: ['legalName'], version: 3, identity } },
      }),
    );
    const { container } = renderPanel();
    await show();
    expect(container.innerHTML).toContain(NAME);
    act(() => session.clear());
    expect(container.innerHTML).not.toContain(NAME);

    session.signedIn(
      'token',
      {
        userId: 'u1',
        username: 'a',
        displayName: 'A',
        roles: ['VICTIM_ADVOCATE'],
        permissions: ['VICTIM_READ'],
        agencyId: 'hpsh',
        mfaEnabled: false,
      },
      { enrolmentRequired: false },
    );
    await show();
    expect(container.innerHTML).toContain(NAME);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.pointerDown(window); // the minute restarts on the faked clock
    act(() => {
      vi.advanceTimersByTime(45_000);
    });
    fireEvent.keyDown(window, { key: 'a' }); // activity restarts the minute
    act(() => {
      vi.advanceTimersByTime(45_000);
    });
    expect(container.innerHTML).toContain(NAME);
    act(() => {
      vi.advanceTimersByTime(16_000);
    });
    expect(container.innerHTML).not.toContain(NAME);
  });

  it('says why in words when the API withholds it', async () => {
    vi.stubGlobal(
      'fetch',
      answer({
        victim: {
          id: 'v1',
          custodial: false,
          consentsGiven: [
            {
              id: 'k1',
              version: 2,
              victimId: 'v1',
              victimCode: 'V-2026-0042',
              scopes: ['IDENTITY'],
              purpose: 'Interview',
              signedOn: '2026-01-01',
              expiresOn: '2026-07-01',
              extendedReason: null,
              witness: null,
              formReference: null,
              status: 'REVOKED',
              revokedAt: '2026-03-04T17:00:00Z',
              revokedReason: null,
              recipientAgency: { id: 'hpsh', name: 'Us' },
              custodialAgency: custodian,
            },
          ],
          identity: { denial: 'NO_CONSENT', released: [], version: null, identity: null },
        },
      }),
    );
    renderPanel();
    await show('Victim interview');
    expect((await screen.findByTestId('identity-refusal')).textContent).toContain(
      'High Plains Safe Harbor revoked the consent to your agency on Mar 4, 2026.',
    );
  });
});
