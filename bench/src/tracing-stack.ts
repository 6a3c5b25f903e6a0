// Child process of bench/src/tracing.ts: one whole stack (four subgraphs and the router) with
// the OTEL_* variables it is given, so a traced and an untraced stack never share a process
// (OpenTelemetry's global API, which @apollo/gateway reads, is per process).
import { startBenchStack } from './bench-stack.ts';

export type ToTracingStack =
  | { type: 'start'; tracingEnv: Record<string, string> }
  | { type: 'stop' };
export type FromTracingStack = { type: 'started'; url: string } | { type: 'stopped' };

if (!process.send) throw new Error('tracing-stack.ts runs as a forked process');
const send = (message: FromTracingStack) => process.send?.(message);

let stack: Awaited<ReturnType<typeof startBenchStack>> | undefined;

process.on('message', async (message: ToTracingStack) => {
  if (message.type === 'start') {
    stack = await startBenchStack({
      logLevel: 'error',
      tracingEnv: message.tracingEnv,
      // Uncached: every request goes through the subgraphs and their SQL, where spans are.
      routerEnv: { RESPONSE_CACHE: 'false' },
    });
    send({ type: 'started', url: stack.url });
  } else {
    await stack?.stop();
    send({ type: 'stopped' });
    process.exit(0);
  }
});
