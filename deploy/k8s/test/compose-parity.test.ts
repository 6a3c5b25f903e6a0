import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { K8sObject } from './support/k8s-object.ts';
import { K8S_DIR, OVERLAYS, renderOverlay } from './support/overlays.ts';

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string } } };
type ComposeService = { command?: string[]; environment?: Record<string, string> };

const compose = parse(readFileSync(`${K8S_DIR}../../docker-compose.yml`, 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };

/** Compose service -> the Kubernetes workload running the same thing. */
const PAIRS: [string, string, string][] = [
  ['router', 'Deployment', 'router'],
  ['router-2', 'Deployment', 'router'],
  ['accounts', 'Deployment', 'accounts'],
  ['hotels', 'Deployment', 'hotels'],
  ['bookings', 'Deployment', 'bookings'],
  ['trips', 'Deployment', 'trips'],
  ['migrate', 'Job', 'migrate'],
];

function container(objects: K8sObject[], kind: string, name: string) {
  const workload = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!workload) throw new Error(`no ${kind}/${name}`);
  return workload.spec.template.spec.containers[0] as { command: string[]; env: Env[] };
}

it('compares every compose service built from the image', () => {
  const built = Object.entries(compose.services)
    .filter(([, service]) => 'build' in service)
    .map(([name]) => name);
  expect(built.sort()).toEqual(PAIRS.map(([name]) => name).sort());
});

describe.each(OVERLAYS)('overlay %s and docker-compose.yml', (overlay) => {
  const objects = renderOverlay(overlay);

  it.each(PAIRS)('%s sets the same variables and runs the same command', (service, kind, name) => {
    const k8s = container(objects, kind, name);
    const environment = compose.services[service]?.environment ?? {};
    expect(k8s.env.map((e) => e.name).sort()).toEqual(Object.keys(environment).sort());
    expect(k8s.command).toEqual(compose.services[service]?.command);
  });
});

describe('production overlay and docker-compose.yml', () => {
  const objects = renderOverlay('production');

  // Addresses are the same too: the Services have the compose services' names.
  it.each(PAIRS)(
    '%s gives the same values, or takes them from the Secret',
    (service, kind, name) => {
      const environment = compose.services[service]?.environment ?? {};
      for (const variable of container(objects, kind, name).env) {
        if (variable.valueFrom) {
          expect(variable.valueFrom.secretKeyRef?.key, variable.name).toBe(variable.name);
        } else {
          expect(variable.value, variable.name).toBe(String(environment[variable.name]));
        }
      }
    },
  );
});
