import { throwIfCancelled } from './request-signal.ts';

interface QueryParams {
  args: unknown;
  query(args: unknown): Promise<unknown>;
}

/** What this needs of a generated PrismaClient. */
interface Extensible {
  $extends(extension: {
    name: string;
    query: { $allOperations(params: QueryParams): Promise<unknown> };
  }): unknown;
}

/**
 * The Prisma client, extended so that a request its caller abandoned sends no further SQL:
 * every operation (models, raw queries, each one inside a transaction) first checks the
 * request's signal and throws instead of querying. A statement already sent runs to its end.
 * Checked per operation, before Prisma batches `findUnique`s of concurrent requests together.
 */
export function cancelWithRequest<Client extends Extensible>(client: Client): Client {
  // A query extension changes no method's type, so the client keeps its own.
  return client.$extends({
    name: 'cancel-with-request',
    query: {
      async $allOperations({ args, query }) {
        throwIfCancelled();
        return query(args);
      },
    },
  }) as Client;
}
