import { type RequestCancellation, throwIfCancelled } from './request-signal.ts';

interface QueryParams {
  args: unknown;
  query(args: unknown): Promise<unknown>;
}

/** What this needs of a generated PrismaClient. */
export interface Extensible {
  $extends(extension: {
    name: string;
    query: { $allOperations(params: QueryParams): Promise<unknown> };
  }): unknown;
}

/**
 * The Prisma client for one request, extended so that once its caller abandoned it no further
 * SQL is sent: every operation (models, raw queries, each one inside a transaction) first
 * checks the cancellation and throws instead of querying. A statement already sent runs to its
 * end. Checked per operation, before Prisma batches `findUnique`s of concurrent requests
 * together.
 */
export function cancelWithRequest<Client extends Extensible>(
  client: Client,
  cancellation: RequestCancellation,
): Client {
  // A query extension changes no method's type, so the client keeps its own.
  return client.$extends({
    name: 'cancel-with-request',
    query: {
      async $allOperations({ args, query }) {
        throwIfCancelled(cancellation);
        return query(args);
      },
    },
  }) as Client;
}
