import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  port: number;
  url: string;
}

/** Starts listening (port 0 picks a free one, as tests do) and tells where. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({ port: address.port, url: `http://${host}:${address.port}/graphql` });
    });
  });
}
