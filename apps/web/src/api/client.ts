import type { TypedDocumentString } from '../gql/graphql';
import { session } from './session';

/** An error the API answered with: its code (extensions.code), its words, and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

async function post<T>(query: string, variables: unknown, token: string | null): Promise<GqlResponse<T>> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-tf-console': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('NETWORK', 'The server could not be reached.');
  }
  try {
    return (await res.json()) as GqlResponse<T>;
  } catch {
    throw new ApiError(res.status === 429 ? 'RATE_LIMITED' : 'INTERNAL', `The server answered ${res.status}.`);
  }
}

function toError(body: GqlResponse<unknown>): ApiError {
  const e = body.errors?.[0];
  if (!e) return new ApiError('INTERNAL', 'The server answered without data or errors.');
  const { code = 'INTERNAL', field, ...details } = e.extensions ?? {};
  return new ApiError(code, e.message, typeof field === 'string' ? field : undefined, details);
}

const RESUME = `mutation Resume { refreshSession { status accessToken idleTimeoutSeconds me { userId username displayName roles permissions agencyId mfaEnabled } } }`;
let resuming: Promise<boolean> | null = null;

/** Resumes the session from the HttpOnly refresh cookie (after a reload, or when the access token expires). */
export function resume(): Promise<boolean> {
  resuming ??= (async () => {
    try {
      const body = await post<{
        refreshSession: {
          status: string;
          accessToken: string;
          idleTimeoutSeconds: number | null;
          me: Parameters<typeof session.signedIn>[1];
        };
      }>(RESUME, {}, null);
      const r = body.data?.refreshSession;
      if (!r?.accessToken) return false;
      if (r.status === 'MFA_CODE_REQUIRED') {
        // A sign-in through the agency's provider that did not prove a second factor, for an account
        // with an authenticator: the console asks for the password sign-in with its code instead.
        session.clear('signIn.ssoMfaRequired');
        return false;
      }
      session.signedIn(r.accessToken, r.me, {
        enrolmentRequired: r.status === 'MFA_ENROLMENT_REQUIRED',
        idleTimeoutSeconds: r.idleTimeoutSeconds,
      });
      return true;
    } catch {
      return false;
    } finally {
      resuming = null;
    }
  })();
  return resuming;
}

/** Sends one typed operation; an expired access token is renewed once through the cookie. */
export async function request<TResult, TVariables>(
  doc: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const query = doc.toString();
  let body = await post<TResult>(query, variables ?? {}, session.get().accessToken);
  if (body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' && session.get().accessToken) {
    if (await resume()) body = await post<TResult>(query, variables ?? {}, session.get().accessToken);
    else {
      session.clear('session.ended');
      throw toError(body);
    }
  }
  if (body.errors?.length) throw toError(body);
  return body.data as TResult;
}
