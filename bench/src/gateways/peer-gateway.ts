// A peer gateway in a process of its own, for bench/src/gateways/run-gateway-bench.ts:
// `node --import tsx/esm peer-gateway.ts <apollo|hive> <port> <supergraph file>`. Each runs with
// its defaults; the one setting added to both is forwarding the client's `Authorization` to
// the subgraphs (this router does it too; without it the signed-in queries fail).
import { createServer } from 'node:http';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';

type Context = { authorization?: string };

const [kind, portText, supergraphPath] = process.argv.slice(2);
const port = Number(portText);
if (!supergraphPath || !Number.isInteger(port) || (kind !== 'apollo' && kind !== 'hive')) {
  throw new Error('usage: peer-gateway.ts <apollo|hive> <port> <supergraph file>');
}

if (kind === 'apollo') {
  // Stock @apollo/gateway in @apollo/server's standalone server, its own fetcher, no plugins.
  const { readFileSync } = await import('node:fs');
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  class ForwardAuthorization extends RemoteGraphQLDataSource<Context> {
    override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
      const { authorization } = context as Context;
      if (authorization) request.http?.headers.set('authorization', authorization);
    }
  }
  const server = new ApolloServer<Context>({
    gateway: new ApolloGateway({
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      buildService: ({ url }) => new ForwardAuthorization({ url }),
    }),
  });
  await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
} else {
  // @graphql-hive/gateway's runtime with its defaults (as `hive-gateway supergraph`, one
  // process: the CLI's --fork defaults to 1), on node:http.
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const runtime = createGatewayRuntime({
    supergraph: supergraphPath,
    logging: 'error',
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization'),
      }),
    },
  });
  const server = createServer(runtime);
  server.listen(port, '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    void Promise.resolve(runtime.dispose()).then(() => process.exit(0));
  });
}
