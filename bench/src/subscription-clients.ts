// Child process of bench/src/subscriptions.ts: the subscribers live here, so the bench's own
// process holds the router's side of each connection only (memory per connection).
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export type ToClients =
  | {
      type: 'open';
      url: string;
      tokens: string[];
      /** Per subscriber, in the order of `tokens`. */
      queries: string[];
    }
  | { type: 'collect'; expected: number }
  | { type: 'close' };
export type FromClients =
  | { type: 'opened' }
  | { type: 'collected'; receivedAt: number[]; failures: number }
  | { type: 'closed' };

if (!process.send) throw new Error('subscription-clients.ts runs as a forked process');
const send = (message: FromClients) => process.send?.(message);

let clients: Client[] = [];
let receivedAt: number[] = [];
let failures = 0;
let onReceived = () => {};

/** Absolute time (ms), comparable across processes. */
const now = () => performance.timeOrigin + performance.now();

async function open(message: Extract<ToClients, { type: 'open' }>) {
  const { url, tokens, queries } = message;
  const connected = tokens.map((token, i) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => {
        failures++;
      },
    });
    clients.push(client);
    client.subscribe(
      { query: queries[i] ?? '' },
      {
        next: (result) => {
          if (result.errors) failures++;
          receivedAt.push(now());
          onReceived();
        },
        error: () => {
          failures++;
        },
        complete: () => {},
      },
    );
    return new Promise<void>((resolve) => client.on('connected', () => resolve()));
  });
  await Promise.all(connected);
}

process.on('message', async (message: ToClients) => {
  if (message.type === 'open') {
    await open(message);
    send({ type: 'opened' });
  } else if (message.type === 'collect') {
    await new Promise<void>((resolve) => {
      onReceived = () => receivedAt.length >= message.expected && resolve();
      onReceived();
    });
    send({ type: 'collected', receivedAt, failures });
    receivedAt = [];
  } else {
    await Promise.all(clients.map((client) => client.dispose()));
    clients = [];
    send({ type: 'closed' });
  }
});
