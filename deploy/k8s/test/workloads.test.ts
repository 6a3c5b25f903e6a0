import { shutdownEnv } from '@travel/config';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from './support/k8s-object.ts';
import { OVERLAYS, renderOverlay } from './support/overlays.ts';
import {
  containerProblems,
  deploymentProblems,
  serviceContainerProblems,
} from './support/workload-rules.ts';

type Any = any;

/** The services' own defaults, so a change of them is checked against the grace period. */
const SHUTDOWN_DEFAULTS = {
  SHUTDOWN_GRACE_MS: shutdownEnv.SHUTDOWN_GRACE_MS.parse(undefined),
  SHUTDOWN_DRAIN_TIMEOUT_MS: shutdownEnv.SHUTDOWN_DRAIN_TIMEOUT_MS.parse(undefined),
};
const SERVICES = ['router', 'accounts', 'hotels', 'bookings', 'trips'];

const find = (objects: K8sObject[], kind: string, name: string): Any => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};
const firstContainer = (objects: K8sObject[], name: string): Any =>
  find(objects, 'Deployment', name).spec.template.spec.containers[0];

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const objects = renderOverlay(overlay);

  it('runs a Deployment for the router and each subgraph, and the migration as a Job', () => {
    const deployments = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    expect(deployments.sort()).toEqual([...SERVICES].sort());
    const job = find(objects, 'Job', 'migrate');
    expect(job.spec.template.spec.containers[0].command).toEqual([
      'node',
      '--import',
      'tsx/esm',
      'packages/prisma-tools/src/cli.ts',
      'deploy',
    ]);
  });

  it('gives every container limits, probes, a non-root user and a read-only root', () => {
    expect(containerProblems(objects)).toEqual([]);
  });

  it('probes the services on /healthz and /readyz and gives them a writable /tmp', () => {
    expect(serviceContainerProblems(objects)).toEqual([]);
  });

  it('gives every Deployment a disruption budget, an autoscaler, anti-affinity and time to drain', () => {
    expect(deploymentProblems(objects, SHUTDOWN_DEFAULTS)).toEqual([]);
  });

  it('runs every service from one image', () => {
    const images = new Set(
      objects
        .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
        .map((o) => o.spec.template.spec.containers[0].image),
    );
    expect(images.size).toBe(1);
  });

  it('takes DATABASE_URL, REDIS_URL and JWT_SECRET from the Secret, never from a literal', () => {
    for (const name of SERVICES) {
      for (const variable of firstContainer(objects, name).env as Any[]) {
        if (['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET'].includes(variable.name)) {
          expect(variable.valueFrom.secretKeyRef, `${name} ${variable.name}`).toEqual({
            name: 'travel-secrets',
            key: variable.name,
          });
        }
      }
    }
  });
});

describe('the rules fail on a broken manifest', () => {
  const broken = (edit: (objects: K8sObject[]) => void) => {
    const objects = renderOverlay('production');
    edit(objects);
    return objects;
  };

  it('a container without a probe, limits, non-root or a read-only root', () => {
    const objects = broken((o) => {
      const container = firstContainer(o, 'hotels');
      delete container.readinessProbe;
      delete container.resources.limits.memory;
      container.securityContext.readOnlyRootFilesystem = false;
      container.securityContext.runAsNonRoot = undefined;
      find(o, 'Deployment', 'hotels').spec.template.spec.securityContext.runAsNonRoot = false;
      container.securityContext.capabilities.drop = [];
    });
    expect(containerProblems(objects)).toEqual([
      'Deployment/hotels container hotels: no resources.limits.memory',
      'Deployment/hotels container hotels: runAsNonRoot is not true',
      'Deployment/hotels container hotels: readOnlyRootFilesystem is not true',
      'Deployment/hotels container hotels: capabilities do not drop ALL',
      'Deployment/hotels container hotels: no readinessProbe',
    ]);
  });

  it('a job container running as root with privilege escalation', () => {
    const objects = broken((o) => {
      const container = find(o, 'Job', 'migrate').spec.template.spec.containers[0];
      container.securityContext.runAsUser = 0;
      container.securityContext.allowPrivilegeEscalation = true;
    });
    expect(containerProblems(objects)).toEqual([
      'Job/migrate container migrate: runs as user 0',
      'Job/migrate container migrate: allowPrivilegeEscalation is not false',
    ]);
  });

  it('a probe on the wrong path or port, /tmp not writable, a pnpm command', () => {
    const objects = broken((o) => {
      const container = firstContainer(o, 'router');
      container.livenessProbe.httpGet.path = '/readyz';
      container.startupProbe.httpGet.port = 9999;
      container.volumeMounts = [];
      container.command = ['pnpm', 'start'];
    });
    expect(serviceContainerProblems(objects)).toEqual([
      'Deployment/router container router: livenessProbe is not GET /healthz',
      'Deployment/router container router: startupProbe port 9999 is not a container port',
      'Deployment/router container router: /tmp is not an emptyDir',
      'Deployment/router container router: command is not a node process (pnpm)',
    ]);
  });

  it('a Deployment without a budget, an autoscaler, anti-affinity, or with too little grace', () => {
    const objects = broken((o) => {
      o.splice(o.indexOf(find(o, 'PodDisruptionBudget', 'trips')), 1);
      o.splice(o.indexOf(find(o, 'HorizontalPodAutoscaler', 'trips')), 1);
      const trips = find(o, 'Deployment', 'trips');
      trips.spec.replicas = 3;
      delete trips.spec.template.spec.affinity;
      trips.spec.template.spec.terminationGracePeriodSeconds = 15;
    });
    expect(deploymentProblems(objects, SHUTDOWN_DEFAULTS)).toEqual([
      'Deployment/trips: 0 PodDisruptionBudgets',
      'Deployment/trips: 0 HorizontalPodAutoscalers',
      'Deployment/trips: sets replicas, which its autoscaler owns',
      'Deployment/trips: no pod anti-affinity on its own pods',
      'Deployment/trips: terminationGracePeriodSeconds 15 s, shutdown needs 15 s',
    ]);
  });

  it('a longer drain configured in the environment needs a longer grace period', () => {
    const objects = broken((o) => {
      firstContainer(o, 'bookings').env.push({ name: 'SHUTDOWN_DRAIN_TIMEOUT_MS', value: '40000' });
    });
    expect(deploymentProblems(objects, SHUTDOWN_DEFAULTS)).toEqual([
      'Deployment/bookings: terminationGracePeriodSeconds 30 s, shutdown needs 45 s',
    ]);
  });
});
