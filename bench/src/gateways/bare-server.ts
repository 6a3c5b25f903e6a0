// The ceiling a cache hit is held to (the target: a hit at ≥ 50% of it): bare node:http in a
// process of its own, answering every request with the same stored bytes, as a cache hit
// would. `node --import tsx/esm bare-server.ts <port> <answer file>`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [portText, answerPath] = process.argv.slice(2);
const port = Number(portText);
if (!answerPath || !Number.isInteger(port)) {
  throw new Error('usage: bare-server.ts <port> <answer file>');
}
const answer = readFileSync(answerPath);
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(answer.length),
};
const server = createServer((req, res) => {
  // Read the body as a server must before answering, then send the stored bytes.
  req.resume();
  req.once('end', () => res.writeHead(200, headers).end(answer));
});
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
