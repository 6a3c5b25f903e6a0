import { eventually } from '@travel/testing';

/** The sum of one Prometheus counter at a service's `/metrics`, over series with `labels`. */
export async function metricValue(
  graphqlUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((label) => line.includes(label))) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

/**
 * GraphQL operations the subgraphs have answered so far (their own request counters): a
 * difference of 0 proves the router answered without calling any of them.
 */
export async function subgraphCalls(subgraphUrls: Record<string, string>): Promise<number> {
  const counts = await Promise.all(
    Object.values(subgraphUrls).map((url) =>
      metricValue(url, 'graphql_request_duration_seconds_count'),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * Sends `request` until the count `read` returns has grown, then returns the count: a test
 * that counts from there counts only requests made after the router saw what the first one
 * showed it (a killed Redis, say, whose closed socket the router reads only some time later).
 */
export async function countAfterFirst(
  read: () => Promise<number>,
  request: () => Promise<unknown>,
): Promise<number> {
  const start = await read();
  await eventually(
    async () => {
      await request();
      return (await read()) > start;
    },
    10_000,
    50,
  );
  return read();
}
