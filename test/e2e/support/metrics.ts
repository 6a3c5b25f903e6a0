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
