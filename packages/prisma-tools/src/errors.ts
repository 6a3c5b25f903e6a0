/** A migration command that can not go on; `code` is Prisma's (P3009 …) or one of ours. */
export class MigrationError extends Error {
  readonly code: string;

  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
    this.code = code;
  }
}

/**
 * Turns what the schema engine rejects with into a MigrationError. The engine's message
 * ends in a Rust span trace ("   0: schema_engine_wasm::…"): useful to Prisma, noise here.
 */
export function toMigrationError(error: unknown, context: string): MigrationError {
  if (error instanceof MigrationError) return error;
  const raw =
    typeof error === 'object' && error !== null && 'message' in error
      ? String((error as { message: unknown }).message)
      : String(error);
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : 'ENGINE';
  const trace = raw.search(/^\s+0: /m);
  const message = (trace === -1 ? raw : raw.slice(0, trace)).trim();
  return new MigrationError(`${context}: ${message}`, code, { cause: error });
}
