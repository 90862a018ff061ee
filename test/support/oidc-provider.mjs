// Real OpenID providers for the test suite: `oidc-provider` (certified by the OpenID Foundation), one
// issuer per agency, in a process of its own (it is an ES module). The sign-in interaction completes
// at once for the account named by `login_hint` (a test plays the user); everything else (the
// authorization endpoint, PKCE, the code exchange, signed ID tokens, back-channel logout) is the
// provider's own. Prints one JSON line with the issuers' URLs once listening.
//
//   node test/support/oidc-provider.mjs '<json config>'
//   config: { appUrl, issuers: [{ name, clientId, clientSecret, agencyCode, defaultAccount?, accounts: { [id]: { email, email_verified?, name?, amr?, roles? } } }] }
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2]);

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

async function start(spec) {
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const callback = `${config.appUrl}/auth/oidc/${spec.agencyCode}/callback`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: spec.clientId,
        client_secret: spec.clientSecret,
        redirect_uris: [callback],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        backchannel_logout_uri: `${config.appUrl}/auth/oidc/${spec.agencyCode}/backchannel-logout`,
        backchannel_logout_session_required: false,
      },
    ],
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      // Roles travel in the ID token with the profile, as Entra ID's `roles` claim does.
      profile: ['name', 'tf_roles'],
    },
    scopes: ['openid', 'email', 'profile'],
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, backchannelLogout: { enabled: true } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-cookie-key'] },
    // The provider refuses to call special-use addresses (SSRF protection); the app under test is on
    // 127.0.0.1, so the back-channel logout call goes out without that check here.
    fetch: (url, options) => {
      delete options.dispatcher;
      return globalThis.fetch(url, options);
    },
    ttl: { IdToken: 300, AccessToken: 300, Session: 3600, Grant: 3600, Interaction: 600 },
    async findAccount(_ctx, id) {
      const a = spec.accounts[id];
      if (!a) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: a.email, email_verified: a.email_verified ?? true, name: a.name ?? id, tf_roles: a.roles };
        },
      };
    },
  });
  provider.proxy = false;
  const handler = provider.callback();
  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      if (url.pathname.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        const accountId = details.params.login_hint ?? spec.defaultAccount;
        const account = spec.accounts[accountId];
        if (!account) {
          await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'no such account' });
          return;
        }
        const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
        grant.addOIDCScope('openid email profile');
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, {
          login: { accountId, amr: account.amr ?? ['pwd'], ...(account.acr ? { acr: account.acr } : {}) },
          consent: { grantId },
        });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/__backchannel-logout') {
        // The provider's own back-channel logout: a signed logout token posted to the client.
        const client = await provider.Client.find(spec.clientId);
        await client.backchannelLogout(url.searchParams.get('sub'), url.searchParams.get('sid') ?? undefined);
        res.writeHead(204).end();
        return;
      }
      handler(req, res);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${e?.stack ?? e} (cause: ${e?.cause?.message ?? 'none'})`);
    }
  });
  return { name: spec.name, issuer };
}

const issuers = [];
for (const spec of config.issuers) issuers.push(await start(spec));
process.stdout.write(JSON.stringify({ issuers }) + '\n');
