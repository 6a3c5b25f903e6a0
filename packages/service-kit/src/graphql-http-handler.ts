import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { TurnEndAnswers } from './turn-end-answers.ts';

/**
 * Runs one GraphQL HTTP request through Apollo Server (`executeHTTPGraphQLRequest`, the call
 * every Apollo integration makes) on plain `node:http`, and writes its answer: no framework
 * between the socket and GraphQL. `body` is the parsed JSON body (see readJsonBody). A complete
 * answer goes out through `answers` when given (written at the end of the turn, with the others),
 * else at once; a streamed one (incremental delivery) always as it comes.
 */
export async function handleGraphQLRequest<Ctx extends BaseContext>(
  apollo: ApolloServer<Ctx>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: () => Promise<Ctx>,
  answers?: TurnEndAnswers,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: query < 0 ? '' : url.slice(query),
      body,
    },
    context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  const status = response.status ?? 200;
  if (response.body.kind === 'complete') {
    const body = response.body.string;
    res.setHeader('content-length', Buffer.byteLength(body));
    if (answers) answers.send(res, status, undefined, body);
    else res.writeHead(status).end(body);
    return;
  }
  res.statusCode = status;
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
