import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { applyJsonPatch, type JsonPatchOperation } from './json-patch.ts';
import { CLUSTER_SCOPED_KINDS, type K8sObject } from './k8s-object.ts';
import { strategicMerge } from './strategic-merge.ts';

/**
 * Renders a kustomization directory the way `kubectl kustomize` does, for the subset of
 * Kustomize these manifests keep to: `resources` (files and kustomization directories),
 * `namespace`, `images`, and `patches` (a strategic-merge file by `path`, or an inline RFC
 * 6902 `patch` with a `target` of kind and/or name). Any other field is refused, so a
 * manifest that grows past the subset fails here instead of being rendered wrongly; the
 * overlay test compares the result with `kubectl kustomize` where that binary exists.
 */
const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'images',
  'patches',
]);

type Image = { name: string; newName?: string; newTag?: string; digest?: string };
type Patch = { path?: string; patch?: string; target?: { kind?: string; name?: string } };
type Kustomization = {
  resources?: string[];
  namespace?: string;
  images?: Image[];
  patches?: Patch[];
};

export function renderKustomization(dir: string): K8sObject[] {
  const kustomization = readKustomization(dir);
  let objects = (kustomization.resources ?? []).flatMap((entry) => loadResource(dir, entry));
  for (const patch of kustomization.patches ?? []) objects = applyPatch(dir, objects, patch);
  if (kustomization.namespace) setNamespace(objects, kustomization.namespace);
  for (const image of kustomization.images ?? []) setImage(objects, image);
  assertUnique(objects);
  return objects;
}

function readKustomization(dir: string): Kustomization {
  const file = join(dir, 'kustomization.yaml');
  const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const unsupported = Object.keys(data).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length > 0) {
    throw new Error(`${file}: ${unsupported.join(', ')} not supported by the test renderer`);
  }
  return data as Kustomization;
}

function loadResource(dir: string, entry: string): K8sObject[] {
  const path = join(dir, entry);
  if (!existsSync(path)) throw new Error(`${dir}: resource ${entry} does not exist`);
  if (statSync(path).isDirectory()) return renderKustomization(path);
  return parseAllDocuments(readFileSync(path, 'utf8')).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
    const object = document.toJS() as K8sObject | null;
    return object ? [object] : [];
  });
}

function applyPatch(dir: string, objects: K8sObject[], patch: Patch): K8sObject[] {
  if (patch.path && !patch.target) {
    const body = parse(readFileSync(join(dir, patch.path), 'utf8')) as K8sObject;
    const matches = objects.filter(
      (o) =>
        o.kind === body.kind &&
        o.metadata.name === body.metadata.name &&
        sameGroup(o.apiVersion, body.apiVersion),
    );
    if (matches.length !== 1) {
      throw new Error(`patch ${patch.path}: ${matches.length} targets, expected one`);
    }
    return objects.map((o) => (o === matches[0] ? (strategicMerge(o, body) as K8sObject) : o));
  }
  if (patch.patch && patch.target) {
    const { kind, name, ...rest } = patch.target;
    if (Object.keys(rest).length > 0) throw new Error('patch target: only kind and name');
    const operations = parse(patch.patch) as JsonPatchOperation[];
    if (!Array.isArray(operations)) throw new Error('inline patch: only RFC 6902 lists');
    const targets = objects.filter(
      (o) => (!kind || o.kind === kind) && (!name || o.metadata.name === name),
    );
    if (targets.length === 0) throw new Error(`patch target ${kind}/${name}: nothing matched`);
    for (const target of targets) applyJsonPatch(target, structuredClone(operations));
    return objects;
  }
  throw new Error('patches: use either path (strategic merge) or patch with a target');
}

function sameGroup(a: string, b: string): boolean {
  const group = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
  return group(a) === group(b);
}

function setNamespace(objects: K8sObject[], namespace: string): void {
  for (const object of objects) {
    if (!CLUSTER_SCOPED_KINDS.has(object.kind)) object.metadata.namespace = namespace;
  }
}

/** Kustomize's image transformer: every container whose image is `name[:tag][@digest]`. */
function setImage(objects: K8sObject[], image: Image): void {
  for (const object of objects) {
    for (const container of podContainers(object)) {
      const match = /^([^:@]+(?::\d+\/[^:@]+)?)(?::([^@]+))?(?:@(.+))?$/.exec(container.image);
      if (!match || match[1] !== image.name) continue;
      const name = image.newName ?? image.name;
      if (image.digest) container.image = `${name}@${image.digest}`;
      else if (image.newTag) container.image = `${name}:${image.newTag}`;
      else container.image = container.image.replace(image.name, name);
    }
  }
}

/** The containers (init ones too) of a workload's pod template. */
export function podContainers(object: K8sObject): { name: string; image: string }[] {
  const pod =
    object.kind === 'CronJob'
      ? object.spec?.jobTemplate?.spec?.template?.spec
      : object.spec?.template?.spec;
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}

function assertUnique(objects: K8sObject[]): void {
  const seen = new Set<string>();
  for (const object of objects) {
    const id = `${object.apiVersion}/${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
    if (seen.has(id)) throw new Error(`${id} appears twice`);
    seen.add(id);
  }
}
