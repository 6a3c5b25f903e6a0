// Child process of bench/src/subscriptions.ts: real graphql-ws clients, one per socket, in a
// process apart from the router's and the bench's, recording each result they receive.
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Delivery } from './subscription-report.ts';

export interface ClientSocket {
  token: string;
  subscriptions: { id: number; field: string; query: string; variables: Record<string, string> }[];
}

export type ToClients =
  | { type: 'open'; url: string; sockets: ClientSocket[] }
  /** The subscriptions refused or ended so far (before the changes: refused at their start). */
  | { type: 'failed' }
  /** Answers once `expected` results have arrived, or after `quietMs` with none arriving. */
  | { type: 'collect'; expected: number; quietMs: number }
  | { type: 'close' };
export type FromClients =
  | { type: 'opened' }
  | { type: 'failed'; ids: number[]; errors: string[] }
  | { type: 'collected'; deliveries: Delivery[]; errors: string[]; errorResults: number }
  | { type: 'closed' };

if (!process.send) throw new Error('subscription-clients.ts runs as a forked process');
const send = (message: FromClients) => process.send?.(message);

/** Sockets connecting at once: a herd of 2,000 handshakes would measure the kernel's backlog. */
const CONNECT_BATCH = 50;

const clients: Client[] = [];
const deliveries: Delivery[] = [];
const errors: string[] = [];
const failed = new Set<number>();
/** Results carrying errors (a re-read that failed: the subscriber did not get the state). */
let errorResults = 0;
let onDelivery = () => {};

/** Absolute time (ms), comparable across processes. */
const now = () => performance.timeOrigin + performance.now();

function openSocket(url: string, socket: ClientSocket): Promise<void> {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${socket.token}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: (error) => errors.push(`socket: ${String(error)}`),
  });
  clients.push(client);
  for (const sub of socket.subscriptions) {
    client.subscribe(
      { query: sub.query, variables: sub.variables },
      {
        next: (result) => {
          if (result.errors) {
            errorResults++;
            errors.push(`${sub.id}: ${JSON.stringify(result.errors)}`);
          }
          const booking = result.data?.[sub.field] as { id?: string; status?: string } | undefined;
          if (booking?.id && booking.status) {
            deliveries.push([sub.id, booking.id, booking.status, now()]);
            onDelivery();
          }
        },
        error: (error) => {
          failed.add(sub.id);
          errors.push(`${sub.id}: ${JSON.stringify(error)}`);
        },
        complete: () => {},
      },
    );
  }
  return new Promise<void>((resolve) => {
    client.on('connected', () => resolve());
    client.on('closed', () => resolve());
  });
}

async function collect(expected: number, quietMs: number) {
  await new Promise<void>((resolve) => {
    let quiet = setTimeout(resolve, quietMs);
    onDelivery = () => {
      clearTimeout(quiet);
      if (deliveries.length >= expected) resolve();
      else quiet = setTimeout(resolve, quietMs);
    };
    if (deliveries.length >= expected) resolve();
  });
  onDelivery = () => {};
}

process.on('message', async (message: ToClients) => {
  if (message.type === 'open') {
    for (let i = 0; i < message.sockets.length; i += CONNECT_BATCH) {
      const batch = message.sockets.slice(i, i + CONNECT_BATCH);
      await Promise.all(batch.map((socket) => openSocket(message.url, socket)));
    }
    send({ type: 'opened' });
  } else if (message.type === 'failed') {
    send({ type: 'failed', ids: [...failed], errors: errors.slice(0, 20) });
  } else if (message.type === 'collect') {
    await collect(message.expected, message.quietMs);
    send({ type: 'collected', deliveries, errors: errors.slice(0, 20), errorResults });
  } else {
    await Promise.all(clients.map((client) => client.dispose()));
    send({ type: 'closed' });
  }
});
