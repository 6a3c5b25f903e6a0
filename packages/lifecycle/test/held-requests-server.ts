// A process for run-until-signal.int.test.ts: an HTTP server whose `/hold` requests wait for a
// `release` line on stdin, run by the real runUntilSignal. Arguments: grace ms, port (default 0).
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { createHttpDrain, runUntilSignal } from '../src/index.ts';

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
const quiet = { info() {}, warn() {}, error() {}, fatal() {} };
await runUntilSignal(
  {
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
          const { port } = server.address() as AddressInfo;
          process.stdout.write(`port ${port}\n`);
          resolve({ url: `http://127.0.0.1:${port}/` });
        });
      }),
    announceShutdown: drain.announce,
    stop: async () => void (await drain.close()),
  },
  {
    graceMs: Number(process.argv[2] ?? 0),
    log: quiet,
    cleanup: [async () => process.stdout.write('cleaned up\n')],
  },
);
