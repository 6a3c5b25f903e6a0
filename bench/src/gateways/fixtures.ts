import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTokenIssuer } from '@travel/auth';
import { buildDemoData } from '@travel/stack';
import { BENCH_JWT_SECRET } from '../bench-stack.ts';
import { REPO_ROOT } from './service-process.ts';
import { addDays, type Fixtures } from './workloads.ts';

const CREATE_API_KEY =
  'mutation ($name: String!) { createApiKey(name: $name) { secret apiKey { id } } }';

/**
 * Tokens for the seeded travelers, a partner API key created through the accounts subgraph,
 * and the seeded hotels and room types (the demo data is deterministic: its ids are known).
 */
export async function createFixtures(accountsUrl: string): Promise<Fixtures> {
  const data = buildDemoData();
  // Long enough for the longest run; the subgraphs check expiry on every call.
  const tokens = createTokenIssuer({ secret: BENCH_JWT_SECRET, ttlSeconds: 6 * 3600 });
  const travelers = data.users.filter((user) => user.role === 'TRAVELER');
  const partner = data.users.find((user) => user.role === 'PARTNER');
  if (!partner) throw new Error('the demo data has no partner');
  const partnerSignIn = await tokens.issue({ userId: partner.id, role: 'PARTNER' });
  const res = await fetch(accountsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${partnerSignIn}` },
    body: JSON.stringify({ query: CREATE_API_KEY, variables: { name: 'bench' } }),
  });
  const answer = (await res.json()) as {
    data?: { createApiKey?: { secret: string; apiKey: { id: string } } };
  };
  const key = answer.data?.createApiKey;
  if (!key) throw new Error(`createApiKey failed: ${JSON.stringify(answer).slice(0, 300)}`);
  const manifest = JSON.parse(
    readFileSync(join(REPO_ROOT, 'schema/persisted-queries/partner.json'), 'utf8'),
  ) as { operations: { id: string; name: string; body: string }[] };
  const operation = manifest.operations.find((o) => o.name === 'PartnerHotelDetails');
  if (!operation) throw new Error('PartnerHotelDetails is not in partner.json');
  return {
    travelerTokens: await Promise.all(
      travelers.map((user) => tokens.issue({ userId: user.id, role: 'TRAVELER' })),
    ),
    partnerApiKey: key.secret,
    // What a router mints for that key: the peers get it directly.
    partnerToken: await tokens.issue({
      userId: partner.id,
      role: 'PARTNER',
      apiKeyId: key.apiKey.id,
    }),
    partnerOperation: { id: operation.id, body: operation.body },
    hotelIds: data.hotels.map((hotel) => hotel.id),
    roomTypes: data.roomTypes.map((room) => ({ id: room.id, maxGuests: room.maxGuests })),
    firstDay: addDays(new Date().toISOString().slice(0, 10), 1),
  };
}
