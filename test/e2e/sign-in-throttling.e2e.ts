// Sign-in throttling in accounts, by email and the client address the router forwards.
import { randomUUID } from 'node:crypto';
import type { GraphQLHttpResponse } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const WINDOW_SECONDS = 3;
const PASSWORD = 'correct horse battery';
const LOG_IN = `mutation ($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { token }
}`;
const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }';

let stack: TestStack;
let addresses = 0;
/** A client address of its own for each use (documentation range). */
const newAddress = () => `203.0.113.${++addresses}`;

beforeAll(async () => {
  stack = await startTestStack({
    redis: true,
    // The tests are the load balancer: they say which client each request is from.
    routerEnv: { TRUSTED_PROXIES: 'loopback' },
    accounts: {
      LOGIN_FAILURE_WINDOW_SECONDS: WINDOW_SECONDS,
      SIGNUP_MAX_TAKEN_PER_ADDRESS: 3,
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const newEmail = () => `${randomUUID()}@e2e.test`;
const logIn = (email: string, password: string, address: string) =>
  post(stack.url, LOG_IN, { email, password }, { 'x-forwarded-for': address });
const signUp = (email: string, address: string) =>
  post(
    stack.url,
    SIGN_UP,
    { input: { email, password: PASSWORD, name: 'E2E' } },
    { 'x-forwarded-for': address },
  );

async function newAccount() {
  const email = newEmail();
  expect((await signUp(email, newAddress())).body.errors).toBeUndefined();
  return email;
}

/** What a client can tell from an answer: its status, code, message and retry time's presence. */
const outcome = (res: GraphQLHttpResponse<any>) => {
  const error = res.body.errors?.[0];
  return {
    status: res.status,
    signedIn: typeof res.body.data?.logIn?.token === 'string',
    code: error?.extensions?.code,
    message: error?.message.replace(/\d+ s$/, 'N s'),
    retries: typeof error?.extensions?.retryAfterSeconds === 'number',
  };
};

async function tenWrongPasswords(email: string, address: string) {
  const answers = [];
  for (let i = 0; i < 10; i++) answers.push(await logIn(email, 'wrong password!', address));
  return answers;
}

describe('logIn throttling', () => {
  it('refuses the 6th failure on and the right password until the block ends', async () => {
    const email = await newAccount();
    const other = await newAccount();
    const address = newAddress();
    const answers = await tenWrongPasswords(email, address);
    for (const res of answers.slice(0, 5)) {
      expect(outcome(res)).toMatchObject({ code: 'UNAUTHENTICATED', retries: false });
    }
    for (const res of answers.slice(5)) {
      expect(outcome(res)).toMatchObject({ code: 'RATE_LIMITED', retries: true });
      const retryAfter = res.body.errors?.[0]?.extensions?.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    }
    // The right password is refused too while blocked ...
    expect(outcome(await logIn(email, PASSWORD, address)).code).toBe('RATE_LIMITED');
    // ... but not from another address, and another account from this address is unaffected.
    expect(outcome(await logIn(email, PASSWORD, newAddress())).signedIn).toBe(true);
    expect(outcome(await logIn(other, 'wrong password!', address)).code).toBe('UNAUTHENTICATED');
    expect(outcome(await logIn(other, PASSWORD, address)).signedIn).toBe(true);
    // Asking while blocked does not extend the block: it ends within the window.
    await vi.waitFor(
      async () => expect(outcome(await logIn(email, PASSWORD, address)).signedIn).toBe(true),
      { timeout: (WINDOW_SECONDS + 5) * 1000, interval: 250 },
    );
  });

  it('answers an unknown email exactly as a known one', async () => {
    const known = await newAccount();
    const [fromKnown, fromUnknown] = [newAddress(), newAddress()];
    const knownAnswers = (await tenWrongPasswords(known, fromKnown)).map(outcome);
    const unknownAnswers = (await tenWrongPasswords(newEmail(), fromUnknown)).map(outcome);
    expect(unknownAnswers).toEqual(knownAnswers);
    expect(knownAnswers.map((answer) => answer.code)).toEqual([
      ...Array(5).fill('UNAUTHENTICATED'),
      ...Array(5).fill('RATE_LIMITED'),
    ]);
  });

  it('resets the count on a success', async () => {
    const email = await newAccount();
    const address = newAddress();
    for (let i = 0; i < 4; i++) await logIn(email, 'wrong password!', address);
    expect(outcome(await logIn(email, PASSWORD, address)).signedIn).toBe(true);
    const again = await tenWrongPasswords(email, address);
    expect(again.map((res) => outcome(res).code)).toEqual([
      ...Array(5).fill('UNAUTHENTICATED'),
      ...Array(5).fill('RATE_LIMITED'),
    ]);
  });
});

describe('signUp throttling', () => {
  it('tells an address that an email is taken a few times, then answers RATE_LIMITED', async () => {
    const taken = await newAccount();
    const address = newAddress();
    for (let i = 0; i < 3; i++) {
      const res = await signUp(taken, address);
      expect(res.body.errors?.[0]).toMatchObject({
        message: 'input.email already belongs to an account',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    // From then on this address learns nothing, not even for a free email.
    for (const email of [taken, newEmail()]) {
      expect(outcome(await signUp(email, address))).toMatchObject({
        code: 'RATE_LIMITED',
        retries: true,
      });
    }
    expect((await signUp(newEmail(), newAddress())).body.errors).toBeUndefined();
  });
});
