/** The body of a GraphQL answer, as every test reads it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; [key: string]: unknown };
  }[];
}

/** A GraphQL answer with its HTTP status and headers, for tests about the transport. */
export interface GraphQLHttpResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: GraphQLResponse<T>;
}

/** How a test authenticates one request: a bearer token, or a raw Authorization header. */
export interface AuthOptions {
  token?: string;
  /** Sent as is (wins over `token`), for malformed and foreign schemes. */
  authorization?: string;
}

/** POSTs one operation as JSON (`auth` a bearer token or options); the answer must be JSON. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth: string | AuthOptions = {},
): Promise<GraphQLHttpResponse<T>> {
  if (typeof auth === 'string') auth = { token: auth };
  const authorization = auth.authorization ?? (auth.token && `Bearer ${auth.token}`);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { status: response.status, headers: response.headers, body };
}
