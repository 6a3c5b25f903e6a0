import { cancelOfLeftover, type RequestSpec } from './workloads.ts';

/**
 * What the load left owing, sent at once: the mutation mix's last bookings cancelled, those
 * whose answer never came first asked again (cancelOfLeftover).
 */
export async function sendLeftovers(url: string, leftovers: readonly RequestSpec[]) {
  const send = (spec: RequestSpec) =>
    fetch(url, { method: 'POST', headers: spec.headers, body: spec.body })
      .then((res) => res.text())
      .catch(() => '');
  await Promise.all(
    leftovers.map(async (leftover) => {
      const owed = cancelOfLeftover(leftover, await send(leftover));
      if (owed) await send(owed);
    }),
  );
}
