// graphql-js appends its suggestions to a message: ` Did you mean "city"?`, ` Did you mean
// "a", "b", or "c"?`, ` Did you mean the enum value "SHIPPED"?`. Names never hold a `?`.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * A message without graphql-js's "Did you mean …?": outside development the schema is not
 * introspectable, and a suggestion would reveal the names introspection hides (a field, an
 * argument, an input field, an enum value). Apollo's `hideSchemaDetailsFromClientErrors`
 * covers validation only; the router's error formatter applies this to every error a client
 * sees, over HTTP and WebSocket (variable coercion, arguments, subgraph answers …).
 */
export function withoutSchemaHints(message: string): string {
  return message.replace(SUGGESTION, '');
}
