import { createHmac } from 'node:crypto';
import {
  type GraphQLHttpResponse,
  type SubgraphForTest,
  startSubgraphForTest,
} from '@travel/testing';
import { configFrom, createAccountsService, type Db, hashPassword } from '../src/index.ts';

export type Accounts = SubgraphForTest<Db>;

/** A real accounts subgraph on a free port, over its own freshly migrated database. */
export function startAccounts(): Promise<Accounts> {
  return startSubgraphForTest('accounts', (deps) =>
    createAccountsService({ ...deps, config: configFrom(deps.config) }),
  );
}

export const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { token user { id name email role createdAt } }
  }
`;

export const LOG_IN = /* GraphQL */ `
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) { token user { id email role } }
  }
`;

let counter = 0;

/** Signs a new user up through the API; unique email per call. */
export async function signUpUser(
  accounts: Accounts,
  role: 'TRAVELER' | 'PARTNER' = 'TRAVELER',
): Promise<{ id: string; email: string; token: string }> {
  counter += 1;
  const email = `user${counter}-${Date.now()}@example.com`;
  const res = await accounts.send(SIGN_UP, {
    input: { email, password: 'a long password', name: `User ${counter}`, role },
  });
  const payload = res.body.data?.signUp as { token: string; user: { id: string } } | undefined;
  if (!payload) throw new Error(`signUp failed: ${JSON.stringify(res.body)}`);
  return { id: payload.user.id, email, token: payload.token };
}

/** An HS256 JWT with any claims, for forged, expired and wrongly signed tokens. */
export function signJwt(claims: Record<string, unknown>, secret: string, alg = 'HS256'): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
  const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

export function errorCodes(res: GraphQLHttpResponse): unknown[] {
  return (res.body.errors ?? []).map((error) => error.extensions?.code);
}

/** ADMIN can not sign up: an operator creates it in the database; it logs in like anyone. */
export async function createAdmin(accounts: Accounts): Promise<{ id: string; token: string }> {
  const email = `admin-${Date.now()}@example.com`;
  const password = 'admin password 1';
  const { id } = await accounts.db.user.create({
    data: { email, name: 'Admin', role: 'ADMIN', passwordHash: await hashPassword(password) },
  });
  const res = await accounts.send(LOG_IN, { email, password });
  const token = (res.body.data?.logIn as { token: string } | undefined)?.token;
  if (!token) throw new Error(`admin logIn failed: ${JSON.stringify(res.body)}`);
  return { id, token };
}

/** `data[field]` of a response, or a failure that shows the whole body. */
export function dataOf<T>(res: GraphQLHttpResponse, field: string): T {
  const value = res.body.data?.[field];
  if (value === undefined || value === null) {
    throw new Error(`no data.${field} in ${JSON.stringify(res.body)}`);
  }
  return value as T;
}
