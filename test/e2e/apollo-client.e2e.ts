// Apollo Client 4 against the real router: refusals surface as CombinedGraphQLErrors with the
// code (GraphQL-over-HTTP media type), not as a bare ServerError.
import { createHash, randomUUID } from 'node:crypto';
import {
  ApolloClient,
  type ApolloLink,
  CombinedGraphQLErrors,
  gql,
  HttpLink,
  InMemoryCache,
  type TypedDocumentNode,
} from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from './support/api-keys.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { signUp } from './support/users.ts';

const SEARCH: TypedDocumentNode<{ searchHotels: { totalCount: number } }> = gql`
  query Search {
    searchHotels(input: {}, first: 1) {
      totalCount
    }
  }
`;
const UNKNOWN_ID = createHash('sha256').update('query Unknown { __typename }').digest('hex');

let stack: TestStack;
let apiKey: string;
beforeAll(async () => {
  stack = await startTestStack();
  const partner = await signUp(stack.url, `ac4-${randomUUID()}@e2e.test`, 'PARTNER');
  apiKey = (await createApiKey(stack.url, partner, 'ac4')).secret;
});
afterAll(async () => {
  await stack?.stop();
});

const http = (headers: Record<string, string> = {}) => new HttpLink({ uri: stack.url, headers });
const clientWith = (link: ApolloLink) => new ApolloClient({ cache: new InMemoryCache(), link });
/** A persisted query link that sends an id the router does not know, and never the text. */
const unknownId = () =>
  new PersistedQueryLink({ generateHash: () => UNKNOWN_ID, retry: () => false });

/** The error Apollo Client raised, checked to be CombinedGraphQLErrors; its codes. */
async function refusal(client: ApolloClient): Promise<unknown[]> {
  const error = await client.query({ query: SEARCH, fetchPolicy: 'no-cache' }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(CombinedGraphQLErrors.is(error), String(error)).toBe(true);
  return (error as CombinedGraphQLErrors).errors.map((e) => e.extensions?.code);
}

describe('Apollo Client 4', () => {
  it('works when nothing is wrong', async () => {
    const { data } = await clientWith(http()).query({ query: SEARCH });
    expect(data?.searchHotels.totalCount).toBeGreaterThan(0);
  });

  it('gets UNAUTHENTICATED for a bad token (401)', async () => {
    expect(await refusal(clientWith(http({ authorization: 'Bearer not-a-token' })))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('gets UNAUTHENTICATED for an unknown API key (401)', async () => {
    expect(await refusal(clientWith(http({ 'x-api-key': `tsk_${'A'.repeat(43)}` })))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it("gets PERSISTED_QUERY_NOT_FOUND for a partner's unknown persisted id (404)", async () => {
    expect(await refusal(clientWith(unknownId().concat(http({ 'x-api-key': apiKey }))))).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
  });

  it('gets PERSISTED_QUERY_NOT_FOUND for an unknown APQ hash', async () => {
    expect(await refusal(clientWith(unknownId().concat(http())))).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
  });
});
