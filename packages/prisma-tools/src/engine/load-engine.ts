import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine } from '@prisma/schema-engine-wasm';

type PanicRegistry = { set_message(message: string): void };
declare global {
  // The engine's glue reports a Rust panic through this global before it throws.
  var PRISMA_WASM_PANIC_REGISTRY: PanicRegistry | undefined;
}

/** The slice of the WebAssembly API used here; the ES2023 lib declares none (the DOM lib does). */
type WasmApi = {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let loading: Promise<typeof glue.SchemaEngine> | undefined;

let panicMessage: string | undefined;

/** The engine's last panic message (then forgotten): a panic surfaces as a bare wasm trap. */
export function takePanicMessage(): string | undefined {
  const message = panicMessage;
  panicMessage = undefined;
  return message;
}

/**
 * Instantiates Prisma's schema engine (WebAssembly) once per process and returns its class.
 * Node 20 can not `import` a `.wasm` module, so the package's own entry would fail: read the
 * bytes next to the glue and wire the glue in as the module's imports by hand.
 */
export function loadSchemaEngine(): Promise<typeof glue.SchemaEngine> {
  loading ??= instantiate();
  return loading;
}

async function instantiate(): Promise<typeof glue.SchemaEngine> {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => {
      panicMessage = message;
    },
  };
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const bytes = await readFile(join(dir, 'schema_engine_bg.wasm'));
  const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}
