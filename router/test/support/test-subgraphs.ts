import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { handleGraphQLRequest, readJsonBody } from '@travel/service-kit/http';
import { type DocumentNode, GraphQLError, parse } from 'graphql';
import { expect } from 'vitest';

/** One request a test subgraph received, as the router sent it. */
export interface SubgraphCall {
  subgraph: string;
  authorization: string | undefined;
  requestId: string | undefined;
  query: string;
}

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@listSize"])';

/** A list sized by `first` for the router's cost estimate; 100 when `first` is absent. */
const SIZED_BY_FIRST =
  '@listSize(slicingArguments: ["first"], assumedSize: 100, requireOneSlicingArgument: false)';

const accountsFields = (withMotto: boolean) => `
  ${LINK}
  type Query {
    whoami: String!
    echoHeaders: ReceivedHeaders!
    users(first: Int): [User!]! ${SIZED_BY_FIRST}
    user(id: ID!): User
    "Answers only when the test releases it: proves the router's subgraph timeout."
    hang: String
    ${withMotto ? 'motto: String!' : ''}
  }
  type Mutation {
    "A write that, like \`hang\`, answers only when the test releases it."
    hangingWrite: String
  }
  type ReceivedHeaders { authorization: String, requestId: String }
  type User @key(fields: "id") { id: ID!, name: String!, friend: User }
`;

/** accounts' SDL; the running server always has `motto`, a supergraph may not (yet). */
export const accountsTypeDefs = (withMotto = false): DocumentNode =>
  parse(accountsFields(withMotto));

export const reviewsTypeDefs: DocumentNode = parse(`
  ${LINK}
  type User @key(fields: "id") { id: ID!, reviews: [Review!]! @listSize(assumedSize: 5) }
  type Review { body: String! }
`);

const USERS = [
  { id: '1', name: 'Ada' },
  { id: '2', name: 'Grace' },
];
type Ctx = { authorization?: string; requestId?: string };

/** What the router answers for `{ hang }` once its call to accounts timed out. */
export const HANG_TIMED_OUT = {
  data: { hang: null },
  errors: [
    expect.objectContaining({
      message: 'The accounts service is unavailable',
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'accounts' },
    }),
  ],
};

const hanging = new Set<() => void>();
/** Lets every pending `hang` resolver answer (tests call it before stopping subgraphs). */
export function releaseHangs(): void {
  for (const release of hanging) release();
  hanging.clear();
}

const accountsResolvers = {
  Query: {
    whoami: (_: unknown, __: unknown, ctx: Ctx) => (ctx.authorization ? 'bearer' : 'anonymous'),
    echoHeaders: (_: unknown, __: unknown, ctx: Ctx) => ({
      authorization: ctx.authorization ?? null,
      requestId: ctx.requestId ?? null,
    }),
    users: (_: unknown, { first }: { first?: number | null }) => {
      if (first != null && first < 0) {
        throw new GraphQLError('first must not be negative', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return USERS.slice(0, first ?? USERS.length);
    },
    user: (_: unknown, { id }: { id: string }) => USERS.find((u) => u.id === id) ?? null,
    motto: () => 'reloaded without a restart',
    hang: () => new Promise<string>((resolve) => hanging.add(() => resolve('released'))),
  },
  Mutation: {
    hangingWrite: () => new Promise<string>((resolve) => hanging.add(() => resolve('written'))),
  },
  User: {
    __resolveReference: ({ id }: { id: string }) => USERS.find((u) => u.id === id) ?? null,
    friend: ({ id }: { id: string }) => USERS.find((u) => u.id !== id),
  },
};

const reviewsResolvers = {
  User: {
    __resolveReference: ({ id }: { id: string }) => ({ id }),
    reviews: ({ id }: { id: string }) => [{ body: `review of ${id}` }],
  },
};

export interface TestSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

async function startSubgraph(
  name: string,
  typeDefs: DocumentNode,
  resolvers: any,
  calls: SubgraphCall[],
): Promise<TestSubgraph> {
  const apollo = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  // Plain node:http with the service kit's pieces, as the real subgraphs serve.
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/readyz') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ready' }));
      return;
    }
    if (path !== '/graphql') {
      res.statusCode = 404;
      res.end();
      return;
    }
    const parsed = await readJsonBody(req, 1024 * 1024);
    const body = parsed.ok ? (parsed.body as { query?: unknown } | undefined) : undefined;
    const requestId = req.headers['x-request-id'] as string | undefined;
    calls.push({
      subgraph: name,
      authorization: req.headers.authorization,
      requestId,
      query: String(body?.query ?? ''),
    });
    await handleGraphQLRequest(apollo, req, res, parsed.ok ? parsed.body : undefined, async () => ({
      authorization: req.headers.authorization,
      requestId,
    }));
  });
  const port = await listenOnFreePort(server);
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}

export interface TestSubgraphs {
  accounts: TestSubgraph;
  reviews: TestSubgraph;
  /** The supergraph composed over the two, at their URLs. */
  supergraphSdl: string;
  /** Every request either subgraph received, oldest first. Tests clear it freely. */
  calls: SubgraphCall[];
  stop(): Promise<void>;
}

/** Two real federated subgraphs on free ports: accounts owns `User`, reviews extends it. */
export async function startTestSubgraphs(): Promise<TestSubgraphs> {
  const calls: SubgraphCall[] = [];
  const accounts = await startSubgraph(
    'accounts',
    accountsTypeDefs(true),
    accountsResolvers,
    calls,
  );
  const reviews = await startSubgraph('reviews', reviewsTypeDefs, reviewsResolvers, calls);
  return {
    accounts,
    reviews,
    supergraphSdl: composeSupergraph({ accounts: accounts.url, reviews: reviews.url }),
    calls,
    stop: async () => {
      await Promise.all([accounts.stop(), reviews.stop()]);
    },
  };
}

/** Composes the two subgraphs as `pnpm schema:compose` would; throws on composition errors. */
export function composeSupergraph(
  urls: { accounts: string; reviews: string },
  options: { withMotto?: boolean } = {},
): string {
  const result = composeServices([
    { name: 'accounts', url: urls.accounts, typeDefs: accountsTypeDefs(options.withMotto) },
    { name: 'reviews', url: urls.reviews, typeDefs: reviewsTypeDefs },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
