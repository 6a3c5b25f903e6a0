import type { K8sObject } from './k8s-object.ts';
import { podContainers } from './kustomize.ts';

type Any = any;

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job', 'CronJob', 'DaemonSet']);
/** Workloads that run until stopped, and so need probes. */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export function workloads(objects: K8sObject[]): K8sObject[] {
  return objects.filter((o) => WORKLOAD_KINDS.has(o.kind));
}

export function podSpec(workload: K8sObject): Any {
  return workload.kind === 'CronJob'
    ? workload.spec?.jobTemplate?.spec?.template?.spec
    : workload.spec?.template?.spec;
}

/**
 * What every container of every workload must have, as the problems found: requests and
 * limits of CPU and memory; run as non-root with a read-only root filesystem, no privilege
 * escalation, every capability dropped and the runtime's seccomp profile; and, for
 * long-running workloads, liveness, readiness and startup probes.
 */
export function containerProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const pod = podSpec(workload) ?? {};
    const podSecurity = pod.securityContext ?? {};
    for (const container of podContainers(workload) as Any[]) {
      const where = `${workload.kind}/${workload.metadata.name} container ${container.name}`;
      const security = container.securityContext ?? {};
      const { requests = {}, limits = {} } = container.resources ?? {};
      for (const [what, value] of [
        ['requests.cpu', requests.cpu],
        ['requests.memory', requests.memory],
        ['limits.cpu', limits.cpu],
        ['limits.memory', limits.memory],
      ]) {
        if (value === undefined) problems.push(`${where}: no resources.${what}`);
      }
      if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true) {
        problems.push(`${where}: runAsNonRoot is not true`);
      }
      if ((security.runAsUser ?? podSecurity.runAsUser) === 0) {
        problems.push(`${where}: runs as user 0`);
      }
      if (security.readOnlyRootFilesystem !== true) {
        problems.push(`${where}: readOnlyRootFilesystem is not true`);
      }
      if (security.allowPrivilegeEscalation !== false) {
        problems.push(`${where}: allowPrivilegeEscalation is not false`);
      }
      if (security.privileged === true) problems.push(`${where}: privileged`);
      if (!security.capabilities?.drop?.includes('ALL')) {
        problems.push(`${where}: capabilities do not drop ALL`);
      }
      if ((security.capabilities?.add ?? []).length > 0) {
        problems.push(`${where}: adds capabilities`);
      }
      const seccomp = (security.seccompProfile ?? podSecurity.seccompProfile)?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
        problems.push(`${where}: seccompProfile is not RuntimeDefault`);
      }
      if (LONG_RUNNING.has(workload.kind)) {
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          if (!container[probe]) problems.push(`${where}: no ${probe}`);
        }
      }
    }
  }
  return problems;
}

/** Labels of `selector.matchLabels` all present in `labels`. */
export function selects(selector: Any, labels: Record<string, string> = {}): boolean {
  const matchLabels: Record<string, string> = selector?.matchLabels ?? {};
  const expressions: Any[] = selector?.matchExpressions ?? [];
  return (
    Object.entries(matchLabels).every(([key, value]) => labels[key] === value) &&
    expressions.every((e) => {
      if (e.operator === 'In') return e.values.includes(labels[e.key]);
      if (e.operator === 'NotIn') return !e.values.includes(labels[e.key]);
      if (e.operator === 'Exists') return e.key in labels;
      if (e.operator === 'DoesNotExist') return !(e.key in labels);
      throw new Error(`selector operator ${e.operator}`);
    })
  );
}

/**
 * Every Deployment: one PodDisruptionBudget and one HorizontalPodAutoscaler of its own, no
 * fixed `replicas` (the autoscaler owns the count), pod anti-affinity on its own pods,
 * a Service in front, and time to shut down gracefully.
 */
export function deploymentProblems(
  objects: K8sObject[],
  shutdown: { SHUTDOWN_GRACE_MS: number; SHUTDOWN_DRAIN_TIMEOUT_MS: number },
): string[] {
  const problems: string[] = [];
  for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
    const name = deployment.metadata.name;
    const where = `Deployment/${name}`;
    const labels = deployment.spec.template.metadata.labels;
    const pdbs = objects.filter(
      (o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector, labels),
    );
    if (pdbs.length !== 1) problems.push(`${where}: ${pdbs.length} PodDisruptionBudgets`);
    const hpas = objects.filter(
      (o) =>
        o.kind === 'HorizontalPodAutoscaler' &&
        o.spec.scaleTargetRef.kind === 'Deployment' &&
        o.spec.scaleTargetRef.name === name,
    );
    if (hpas.length !== 1) problems.push(`${where}: ${hpas.length} HorizontalPodAutoscalers`);
    const hpa = hpas[0];
    if (hpa && !(hpa.spec.minReplicas >= 1 && hpa.spec.maxReplicas >= hpa.spec.minReplicas)) {
      problems.push(`${where}: autoscaler range ${hpa.spec.minReplicas}..${hpa.spec.maxReplicas}`);
    }
    if (deployment.spec.replicas !== undefined) {
      problems.push(`${where}: sets replicas, which its autoscaler owns`);
    }
    const pod = podSpec(deployment);
    const antiAffinity = [
      ...(pod.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      ...(pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
        (term: Any) => term.podAffinityTerm,
      ),
    ];
    if (!antiAffinity.some((term) => selects(term.labelSelector, labels))) {
      problems.push(`${where}: no pod anti-affinity on its own pods`);
    }
    const services = objects.filter(
      (o) => o.kind === 'Service' && selects({ matchLabels: o.spec.selector }, labels),
    );
    if (services.length === 0) problems.push(`${where}: no Service`);
    for (const container of pod.containers as Any[]) {
      const env = (key: keyof typeof shutdown) =>
        Number(container.env?.find((e: Any) => e.name === key)?.value ?? shutdown[key]);
      const needed = env('SHUTDOWN_GRACE_MS') + env('SHUTDOWN_DRAIN_TIMEOUT_MS');
      const granted = (pod.terminationGracePeriodSeconds ?? 30) * 1000;
      if (granted <= needed) {
        problems.push(
          `${where}: terminationGracePeriodSeconds ${granted / 1000} s, shutdown needs ${needed / 1000} s`,
        );
      }
    }
  }
  return problems;
}

/** Components built from this repository's image: they serve the project's endpoints. */
const SERVICE_COMPONENTS = new Set(['router', 'subgraph']);
const PROBE_PATHS = {
  livenessProbe: '/healthz',
  readinessProbe: '/readyz',
  startupProbe: '/readyz',
};

/**
 * The router's and subgraphs' containers: probes on the real endpoints (liveness
 * `/healthz`; readiness and startup `/readyz`) at a port the container declares; `/tmp` on
 * an emptyDir (the only place they write, with a read-only root); started as one `node`
 * process, so SIGTERM reaches the service (pnpm does not pass it on).
 */
export function serviceContainerProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const component = workload.spec?.template?.metadata?.labels?.['app.kubernetes.io/component'];
    if (!SERVICE_COMPONENTS.has(component)) continue;
    const pod = podSpec(workload);
    for (const container of pod.containers as Any[]) {
      const where = `${workload.kind}/${workload.metadata.name} container ${container.name}`;
      const ports: Any[] = container.ports ?? [];
      for (const [probe, path] of Object.entries(PROBE_PATHS)) {
        const get = container[probe]?.httpGet;
        if (get?.path !== path) {
          problems.push(`${where}: ${probe} is not GET ${path}`);
          continue;
        }
        if (!ports.some((p) => p.name === get.port || p.containerPort === get.port)) {
          problems.push(`${where}: ${probe} port ${get.port} is not a container port`);
        }
      }
      const tmp = (container.volumeMounts ?? []).find((m: Any) => m.mountPath === '/tmp');
      const volume = pod.volumes?.find((v: Any) => v.name === tmp?.name);
      if (!volume?.emptyDir) problems.push(`${where}: /tmp is not an emptyDir`);
      if (container.command?.[0] !== 'node') {
        problems.push(`${where}: command is not a node process (${container.command?.[0]})`);
      }
    }
  }
  return problems;
}
