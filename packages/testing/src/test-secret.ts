/**
 * The one JWT secret of every test: subgraphs, the router and the stack started by tests all
 * trust it, so a token minted for one works for the others. HS256 wants at least 32 bytes.
 */
export const TEST_JWT_SECRET = 'travel-test-jwt-secret-at-least-32-characters';
