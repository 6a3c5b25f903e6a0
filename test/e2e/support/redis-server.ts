import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { eventually, freePort } from '@travel/testing';

/**
 * A Redis of a test's own on a free port (the machine's is shared with other tests, and must
 * never be stopped, paused or blocked): started, paused, blocked and killed at will. Nothing
 * persisted; DEBUG allowed.
 */
export interface RedisServer {
  port: number;
  url: string;
  /** Starts it (again) and resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGSTOP: connections stay open, nothing answers (a stalled or swapping server). */
  pause(): void;
  /** SIGCONT: answers everything that waited. */
  resume(): void;
  /** Kills it (SIGKILL, resumed first: no goodbye to clients, as a crash). Safe when stopped. */
  stop(): Promise<void>;
  /** Blocks it for `seconds` (DEBUG SLEEP); resolves when it answers again. */
  block(seconds: number): Promise<void>;
  readonly running: boolean;
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const signal = (name: NodeJS.Signals) => {
    if (server?.exitCode === null) server.kill(name);
  };
  const redis: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      server = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--save',
          '',
          '--appendonly',
          'no',
          '--enable-debug-command',
          'yes',
        ],
        { stdio: 'ignore' },
      );
      await eventually(() => accepts(port), 10_000, 50);
    },
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async stop() {
      const running = server;
      server = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGCONT');
      running.kill('SIGKILL');
      await exited;
    },
    block(seconds) {
      return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(`DEBUG SLEEP ${seconds}\r\n`);
        });
        socket.once('data', () => resolve(socket.end() && undefined));
        socket.once('error', reject);
      });
    },
    get running() {
      return server !== undefined;
    },
  };
  await redis.start();
  return redis;
}

function accepts(target: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(target, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
  });
}
