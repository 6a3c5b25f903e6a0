import { connect } from 'node:net';

/**
 * How a new TCP connection to `host:port` fares: `connected`, or the error code (`ECONNREFUSED`
 * for a server that stopped listening, `ECONNRESET` for one that dropped it). Shutdown tests
 * tell "refused" from "reset" with it.
 */
export function connectionOutcome(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}
