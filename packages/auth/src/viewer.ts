export const ROLES = ['TRAVELER', 'PARTNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified token. Anonymous callers have no Viewer (null). */
export interface Viewer {
  userId: string;
  role: Role;
  /** Set when a partner called with an API key and the router minted the token for it. */
  apiKeyId?: string;
}

/** Claims every token of the supergraph carries; shared by issuer and verifier. */
export const TOKEN_ISSUER = 'travel-accounts';
export const TOKEN_AUDIENCE = 'travel-supergraph';
