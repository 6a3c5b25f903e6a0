import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as coreV1 from 'kubernetes-models/v1';
import type { K8sObject } from './k8s-object.ts';

type ModelClass = new (data: unknown) => { validate(): void };

/** The API versions these manifests may use; another one is a problem to look at. */
const MODELS: Record<string, Record<string, unknown>> = {
  v1: coreV1,
  'apps/v1': appsV1,
  'autoscaling/v2': autoscalingV2,
  'batch/v1': batchV1,
  'networking.k8s.io/v1': networkingV1,
  'policy/v1': policyV1,
};

/**
 * Checks one object against the Kubernetes API's OpenAPI schema (types, required fields,
 * enums, quantities, formats) with kubernetes-models' validators, found by apiVersion and
 * kind. Returns the problems, [] when the object is valid.
 */
export function schemaProblems(object: K8sObject): string[] {
  const where = `${object.kind}/${object.metadata?.name}`;
  const models = MODELS[object.apiVersion];
  if (!models) return [`${where}: apiVersion ${object.apiVersion} is not one the tests know`];
  const Model = models[object.kind] as ModelClass | undefined;
  if (typeof Model !== 'function')
    return [`${where}: no kind ${object.kind} in ${object.apiVersion}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${where}: ${(error as Error).message}`];
  }
}
