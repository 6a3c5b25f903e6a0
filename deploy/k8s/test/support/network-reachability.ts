import type { K8sObject } from './k8s-object.ts';
import { podSpec, selects, workloads } from './workload-rules.ts';

type Any = any;

/**
 * Something that opens or accepts connections: a pod (of the overlay or of another
 * namespace) or an address outside the cluster. `ports` are the ones it listens on.
 */
export type Endpoint = {
  id: string;
  namespace?: string;
  labels?: Record<string, string>;
  /** An address outside the cluster (matched by ipBlock peers only). */
  external?: boolean;
  ports: { port: number; name?: string; protocol?: 'TCP' | 'UDP' }[];
};

/** The overlay's own pods, from its workloads' pod templates. */
export function overlayPods(objects: K8sObject[], extraPort: number): Endpoint[] {
  return workloads(objects).map((workload) => ({
    id: workload.metadata.name,
    namespace: workload.metadata.namespace,
    labels: workload.spec.template.metadata.labels,
    ports: [
      ...podSpec(workload).containers.flatMap((c: Any) =>
        (c.ports ?? []).map((p: Any) => ({ port: p.containerPort, name: p.name, protocol: 'TCP' })),
      ),
      // A port nothing should reach: proves the policies name ports, not just peers.
      { port: extraPort, protocol: 'TCP' },
    ],
  }));
}

/**
 * Every connection (`from -> to:port`) the NetworkPolicies allow among `endpoints`, the way
 * Kubernetes decides it: a pod selected by no policy of a direction is open in that
 * direction; a selected one allows what some rule of some policy selecting it allows; a
 * connection needs egress allowed at its source and ingress at its destination. Namespace
 * labels are `kubernetes.io/metadata.name` plus those of the overlay's Namespace objects.
 * Only connections from or to one of the overlay's pods are listed. ipBlock peers match
 * addresses outside the cluster only (what they are for; CNIs differ on pod addresses).
 */
export function allowedConnections(objects: K8sObject[], endpoints: Endpoint[]): string[] {
  const own = new Set(overlayPods(objects, 0).map((pod) => pod.id));
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const namespaceLabels = (name?: string) => ({
    'kubernetes.io/metadata.name': name ?? '',
    ...(objects.find((o) => o.kind === 'Namespace' && o.metadata.name === name)?.metadata.labels ??
      {}),
  });
  const peerMatches = (peer: Any, other: Endpoint, policyNamespace?: string) => {
    if (peer.ipBlock) return other.external === true;
    if (other.external) return false;
    const namespaceOk = peer.namespaceSelector
      ? selects(peer.namespaceSelector, namespaceLabels(other.namespace))
      : other.namespace === policyNamespace;
    const podOk = peer.podSelector ? selects(peer.podSelector, other.labels) : true;
    return namespaceOk && podOk;
  };
  const portMatches = (rulePorts: Any[] | undefined, port: Endpoint['ports'][number]) =>
    !rulePorts?.length ||
    rulePorts.some(
      (p) =>
        (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP') &&
        (p.port === undefined || p.port === port.port || p.port === port.name),
    );
  const allows = (
    self: Endpoint,
    other: Endpoint,
    port: Endpoint['ports'][number],
    type: string,
  ) => {
    if (self.external) return true;
    const selecting = policies.filter(
      (p) =>
        p.metadata.namespace === self.namespace &&
        (p.spec.policyTypes ?? ['Ingress']).includes(type) &&
        selects(p.spec.podSelector, self.labels),
    );
    if (selecting.length === 0) return true;
    const key = type === 'Ingress' ? 'ingress' : 'egress';
    const peersKey = type === 'Ingress' ? 'from' : 'to';
    return selecting.some((policy) =>
      (policy.spec[key] ?? []).some(
        (rule: Any) =>
          portMatches(rule.ports, port) &&
          (!rule[peersKey]?.length ||
            rule[peersKey].some((peer: Any) =>
              peerMatches(peer, other, policy.metadata.namespace),
            )),
      ),
    );
  };
  const allowed: string[] = [];
  for (const from of endpoints) {
    for (const to of endpoints) {
      // Between two strangers the overlay decides nothing.
      if (from === to || !(own.has(from.id) || own.has(to.id))) continue;
      for (const port of to.ports) {
        if (allows(from, to, port, 'Egress') && allows(to, from, port, 'Ingress')) {
          allowed.push(
            `${from.id} -> ${to.id}:${port.port}${port.protocol === 'UDP' ? '/udp' : ''}`,
          );
        }
      }
    }
  }
  return allowed.sort();
}
