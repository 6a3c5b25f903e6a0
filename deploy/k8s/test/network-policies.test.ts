import { describe, expect, it } from 'vitest';
import { allowedConnections, type Endpoint, overlayPods } from './support/network-reachability.ts';
import { renderOverlay } from './support/overlays.ts';

/** Who else is around: clients, the ingress controller, Prometheus, DNS, outside servers. */
const AROUND: Endpoint[] = [
  { id: 'internet', external: true, ports: [] },
  { id: 'ingress', namespace: 'ingress-nginx', labels: { app: 'ingress-nginx' }, ports: [] },
  { id: 'prometheus', namespace: 'monitoring', labels: { app: 'prometheus' }, ports: [] },
  {
    id: 'dns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    ports: [
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ],
  },
  { id: 'some-pod', namespace: 'other', labels: { app: 'hotels' }, ports: [] },
];
/** Managed PostgreSQL and Redis outside the cluster (production). */
const OUTSIDE_SERVERS: Endpoint[] = [
  { id: 'cloud-postgres', external: true, ports: [{ port: 5432 }] },
  { id: 'cloud-redis', external: true, ports: [{ port: 6379 }] },
];
const DEBUG_PORT = 9229;

const SERVICE_PORTS = { router: 4000, accounts: 4001, hotels: 4002, bookings: 4003, trips: 4004 };
/** Whatever the overlay: the router from anywhere outside, subgraphs as called. */
const appConnections = (outside: Endpoint[]) => [
  ...outside.map((from) => `${from.id} -> router:4000`),
  ...Object.entries(SERVICE_PORTS).map(([name, port]) => `prometheus -> ${name}:${port}`),
  ...['accounts', 'hotels', 'bookings', 'trips'].map(
    (name) => `router -> ${name}:${SERVICE_PORTS[name as keyof typeof SERVICE_PORTS]}`,
  ),
  'bookings -> hotels:4002',
  'trips -> bookings:4003',
];
const dnsFrom = (pods: string[]) =>
  pods.flatMap((pod) => [`${pod} -> dns:53`, `${pod} -> dns:53/udp`]);
const POSTGRES_CLIENTS = ['accounts', 'hotels', 'bookings', 'trips', 'migrate'];
const REDIS_CLIENTS = ['router', 'accounts', 'bookings', 'trips'];

describe('network policies', () => {
  it('dev: only the router from outside, subgraphs from the router and their callers, datastores from their clients', () => {
    const objects = renderOverlay('dev');
    const endpoints = [...overlayPods(objects, DEBUG_PORT), ...AROUND];
    const expected = [
      ...appConnections(AROUND),
      ...dnsFrom([...Object.keys(SERVICE_PORTS), 'migrate', 'postgres', 'redis']),
      ...POSTGRES_CLIENTS.map((from) => `${from} -> postgres:5432`),
      ...REDIS_CLIENTS.map((from) => `${from} -> redis:6379`),
    ];
    expect(allowedConnections(objects, endpoints)).toEqual([...new Set(expected)].sort());
  });

  it('production: the same, with PostgreSQL and Redis outside the cluster', () => {
    const objects = renderOverlay('production');
    const endpoints = [...overlayPods(objects, DEBUG_PORT), ...AROUND, ...OUTSIDE_SERVERS];
    const expected = [
      ...appConnections([...AROUND, ...OUTSIDE_SERVERS]),
      ...dnsFrom([...Object.keys(SERVICE_PORTS), 'migrate']),
      ...POSTGRES_CLIENTS.map((from) => `${from} -> cloud-postgres:5432`),
      ...REDIS_CLIENTS.map((from) => `${from} -> cloud-redis:6379`),
    ];
    expect(allowedConnections(objects, endpoints)).toEqual([...new Set(expected)].sort());
  });

  it('opens everything once the default deny is gone (the evaluator can tell)', () => {
    const objects = renderOverlay('dev').filter(
      (o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'default-deny'),
    );
    const allowed = allowedConnections(objects, [...overlayPods(objects, DEBUG_PORT), ...AROUND]);
    // The migrate Job has no ingress policy of its own: without the default deny, open.
    expect(allowed).toContain(`some-pod -> migrate:${DEBUG_PORT}`);
    expect(allowed).toContain(`internet -> migrate:${DEBUG_PORT}`);
  });

  it('a subgraph rule that forgets `from` opens the subgraph to every pod', () => {
    const objects = renderOverlay('dev');
    const hotels = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'hotels');
    delete hotels?.spec.ingress[0].from;
    const allowed = allowedConnections(objects, [...overlayPods(objects, DEBUG_PORT), ...AROUND]);
    expect(allowed).toContain('some-pod -> hotels:4002');
    expect(allowed).toContain('internet -> hotels:4002');
    expect(allowed).not.toContain(`some-pod -> hotels:${DEBUG_PORT}`);
  });
});
