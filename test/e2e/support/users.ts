import { expect } from 'vitest';
import { bearer, post } from './graphql.ts';

export interface SignedInUser {
  id: string;
  token: string;
  /** Headers that sign a request in as this user. */
  auth: Record<string, string>;
}

const SIGN_UP = /* GraphQL */ `
  mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }
`;
const LOG_IN = /* GraphQL */ `
  mutation ($email: String!, $password: String!) {
    logIn(email: $email, password: $password) { token user { id } }
  }
`;

function signedIn(payload: { token: string; user: { id: string } } | undefined): SignedInUser {
  if (!payload) throw new Error('no auth payload');
  return { id: payload.user.id, token: payload.token, auth: bearer(payload.token) };
}

/** Signs a new user up through the router (`email` names them; the password is fixed). */
export async function signUp(
  url: string,
  email: string,
  role: 'TRAVELER' | 'PARTNER' = 'TRAVELER',
): Promise<SignedInUser> {
  const res = await post(url, SIGN_UP, {
    input: { email, password: 'correct horse battery', name: `E2E ${email.split('@')[0]}`, role },
  });
  expect(res.body.errors).toBeUndefined();
  return signedIn(res.body.data?.signUp);
}

/** Logs an existing user in through the router. */
export async function logIn(url: string, email: string, password: string): Promise<SignedInUser> {
  const res = await post(url, LOG_IN, { email, password });
  expect(res.body.errors).toBeUndefined();
  return signedIn(res.body.data?.logIn);
}
