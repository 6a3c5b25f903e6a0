import { connect } from 'node:net';

export interface RawConnection {
  /** Sends `text` as it is: a request can be cut anywhere, headers included. */
  write(text: string): void;
  /** Everything received so far. */
  received(): string;
  /** Resolves, once the connection closed, with the milliseconds it was open. */
  closed: Promise<number>;
  destroy(): void;
}

/**
 * A TCP connection to `host:port` that writes what a test says, when it says: for requests an
 * HTTP client would never send (a body that stops halfway, headers that never end).
 */
export function rawConnection(port: number, host = '127.0.0.1'): RawConnection {
  const socket = connect(port, host);
  const openedAt = performance.now();
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  // A reset by the server is a way to close, not a test failure.
  socket.on('error', () => {});
  return {
    write: (text) => {
      if (socket.writable) socket.write(text);
    },
    received: () => received,
    closed: new Promise((resolve) =>
      socket.once('close', () => resolve(performance.now() - openedAt)),
    ),
    destroy: () => socket.destroy(),
  };
}
