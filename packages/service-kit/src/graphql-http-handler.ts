import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';

/**
 * Runs one GraphQL HTTP request through Apollo Server (`executeHTTPGraphQLRequest`, the call
 * every Apollo integration makes) on plain `node:http`, and writes its answer: no framework
 * between the socket and GraphQL. `body` is the parsed JSON body (see readJsonBody).
 */
export async function handleGraphQLRequest<Ctx extends BaseContext>(
  apollo: ApolloServer<Ctx>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: () => Promise<Ctx>,
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
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
