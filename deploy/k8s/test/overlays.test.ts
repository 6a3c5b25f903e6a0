import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type K8sObject, objectId } from './support/k8s-object.ts';
import { OVERLAYS, OVERLAYS_DIR, renderOverlay } from './support/overlays.ts';
import { unknownFieldProblems } from './support/unknown-fields.ts';
import { schemaProblems } from './support/validate-schema.ts';

/** `kubectl kustomize` when this machine has kubectl (it is not an npm or CI dependency). */
function kubectlKustomize(dir: string): K8sObject[] | undefined {
  try {
    const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: 'pipe' });
    return parseAllDocuments(out).map((document) => document.toJS() as K8sObject);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
const hasKubectl = kubectlKustomize(`${OVERLAYS_DIR}${OVERLAYS[0]}`) !== undefined;

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const objects = renderOverlay(overlay);

  it('renders every object valid against the Kubernetes API schema', () => {
    expect(objects.length).toBeGreaterThan(20);
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it('uses no field the Kubernetes API does not know', () => {
    expect(unknownFieldProblems(objects)).toEqual([]);
  });

  it('puts every namespaced object in the overlay namespace', () => {
    const namespace = objects.find((o) => o.kind === 'Namespace')?.metadata.name;
    expect(namespace).toMatch(/^travel/);
    const elsewhere = objects
      .filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace)
      .map(objectId);
    expect(elsewhere).toEqual([]);
  });

  // The renderer implements a subset of Kustomize; where kubectl is installed, its own
  // Kustomize must produce the same objects. Skipped (not passed) where kubectl is absent:
  // no npm package or Debian package of this release line ships a current kustomize.
  it.skipIf(!hasKubectl)('renders what `kubectl kustomize` renders', () => {
    // By id: kubectl sorts objects by kind, and neither order means anything.
    const byId = (list: K8sObject[]) => Object.fromEntries(list.map((o) => [objectId(o), o]));
    expect(byId(objects)).toEqual(byId(kubectlKustomize(`${OVERLAYS_DIR}${overlay}`) ?? []));
  });
});

it('finds both overlays', () => {
  expect(OVERLAYS).toEqual(['dev', 'production']);
});

describe('schemaProblems', () => {
  it('reports wrong types, bad quantities, unknown kinds and retired API versions', () => {
    const objects = renderOverlay('production');
    const router = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'router');
    const container = router?.spec.template.spec.containers[0];
    container.livenessProbe.periodSeconds = 'often';
    container.resources.limits.memory = 'lots';
    expect(router && schemaProblems(router)).toEqual([
      expect.stringMatching(
        /^Deployment\/router: .*livenessProbe\/periodSeconds must be integer.*limits\/memory must match format "quantity"/,
      ),
    ]);
    const pdb = {
      apiVersion: 'policy/v1beta1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'x' },
    };
    expect(schemaProblems(pdb)).toEqual([
      'PodDisruptionBudget/x: apiVersion policy/v1beta1 is not one the tests know',
    ]);
    expect(
      schemaProblems({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'y' } }),
    ).toEqual(['Deploymnet/y: no kind Deploymnet in apps/v1']);
  });
});

describe('unknownFieldProblems', () => {
  it('reports a misspelt field, one per object literal', () => {
    const objects = renderOverlay('production');
    const router = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'router');
    const container = router?.spec.template.spec.containers[0];
    container.securityContext.readOnlyRootFileSystem = true;
    const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler');
    if (hpa) hpa.spec.minReplica = 1;
    expect(unknownFieldProblems(objects)).toEqual([
      expect.stringMatching(/^Deployment\/router: .*'"readOnlyRootFileSystem"' does not exist/),
      expect.stringMatching(/^HorizontalPodAutoscaler\/router: .*'"minReplica"' does not exist/),
    ]);
  });
});
