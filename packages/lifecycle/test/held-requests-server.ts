// A process for shutdown-on-signal.int.test.ts: an HTTP server whose `/hold` requests wait
// for a `release` line on stdin, shut down by the real shutdownOnSignal. Argument: grace ms.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { createHttpDrain, shutdownOnSignal } from '../src/index.ts';

const held: ServerResponse[] = [];
const server = createServer((req, res) => {
  if (req.url === '/readyz') {
    res.statusCode = drain.draining ? 503 : 200;
    res.end();
  } else if (req.url === '/hold') {
    held.push(res);
    process.stdout.write('held\n');
  } else {
    res.end('ok');
  }
});
const drain = createHttpDrain(server, { timeoutMs: 10_000 });
createInterface({ input: process.stdin }).on('line', () => {
  for (const res of held.splice(0)) res.end('released');
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
});
const quiet = { info() {}, warn() {}, error() {} };
shutdownOnSignal({
  service: { announceShutdown: drain.announce, stop: async () => void (await drain.close()) },
  graceMs: Number(process.argv[2] ?? 0),
  log: quiet,
  cleanup: [async () => process.stdout.write('cleaned up\n')],
});
