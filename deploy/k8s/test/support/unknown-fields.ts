import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { K8sObject } from './k8s-object.ts';

/**
 * Fields the Kubernetes API does not know (`readinesProbe`, a `limit` for `limits`): the
 * schema validators accept them and the API server would drop them silently (or refuse
 * them under strict field validation). TypeScript's excess-property check finds them: each
 * object becomes a literal of its kubernetes-models type (generated from the same OpenAPI
 * document), type-checked in memory. Returns the problems, [] when every field is known.
 */
export function unknownFieldProblems(objects: K8sObject[]): string[] {
  const file = fileURLToPath(new URL('./__rendered-objects.ts', import.meta.url));
  const lines = objects.map((object, index) => {
    const group = object.apiVersion.includes('/') ? object.apiVersion : 'v1';
    const type = `import('kubernetes-models/${group}/${object.kind}').I${object.kind}`;
    return `export const o${index}: ${type} = ${JSON.stringify(object)};`;
  });
  const source = ts.createSourceFile(file, lines.join('\n'), ts.ScriptTarget.ES2022, true);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, ...rest) => (name === file ? source : getSourceFile(name, ...rest));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program, source).map((diagnostic) => {
    const line = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
    const object = objects[line];
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    return `${object?.kind}/${object?.metadata.name}: ${message}`;
  });
}
