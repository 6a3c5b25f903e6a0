/**
 * The token of an `Authorization: Bearer <token>` header; `undefined` when there is no header,
 * `null` when there is one that is not a bearer token (a client error, never anonymous).
 */
export function bearerToken(header: string | undefined): string | null | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
