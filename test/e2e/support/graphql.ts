import type { GraphQLHttpResponse, GraphQLResponse } from '@travel/testing';

/** POSTs one operation the way a web client does. */
export async function post<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLHttpResponse<T>> {
  return send(url, JSON.stringify({ query, variables }), headers);
}

/** POSTs a raw body (malformed JSON, huge payloads) with JSON content type. */
export async function send(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<GraphQLHttpResponse<any>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let parsed: GraphQLResponse;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON answer ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The error codes of a response, in order. */
export const codes = (res: GraphQLHttpResponse) =>
  (res.body.errors ?? []).map((e) => e.extensions?.code);
