import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { K8sObject } from './k8s-object.ts';
import { renderKustomization } from './kustomize.ts';

export const K8S_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const OVERLAYS_DIR = fileURLToPath(new URL('../../overlays/', import.meta.url));

/** Every overlay under deploy/k8s/overlays: a new one is checked without editing a test. */
export const OVERLAYS = readdirSync(OVERLAYS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export function renderOverlay(name: string): K8sObject[] {
  return renderKustomization(`${OVERLAYS_DIR}${name}`);
}
