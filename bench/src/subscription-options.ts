import { parseArgs } from 'node:util';
import { positive } from './gateways/options.ts';

export interface SubscriptionBenchOptions {
  /** Signed-up users, one in ten a hotel owner; default 1,000, 100 in quick mode. */
  users: number;
  /** Booking changes (create, confirm, cancel) made through the router; default 200, 40 quick. */
  changes: number;
  /** Changes per second, sent on a fixed schedule (not waiting for answers); default 20. */
  rate: number;
  /** Child processes holding the client sockets; default 2. */
  clientProcesses: number;
  /** `--profile`: a CPU profile of the router during the changes, kept with the logs; default off. */
  profile: boolean;
}

const DEFAULTS: SubscriptionBenchOptions = {
  profile: false,
  users: 1000,
  changes: 200,
  rate: 20,
  clientProcesses: 2,
};
const QUICK = { users: 100, changes: 40 };

/** `--users 1000 --changes 200 --rate 20 --client-processes 2 --profile --quick` (flags win). */
export function parseSubscriptionBenchArgs(argv: readonly string[]): SubscriptionBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      users: { type: 'string' },
      changes: { type: 'string' },
      rate: { type: 'string' },
      'client-processes': { type: 'string' },
      quick: { type: 'boolean' },
      profile: { type: 'boolean' },
    },
  });
  const base = values.quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;
  const users = positive(values.users, 'users') ?? base.users;
  // Ten users make one hotel owner and nine guests: fewer leaves a role empty.
  if (users < 10) throw new Error('--users must be at least 10');
  return {
    users,
    changes: positive(values.changes, 'changes') ?? base.changes,
    rate: positive(values.rate, 'rate') ?? base.rate,
    clientProcesses:
      positive(values['client-processes'], 'client-processes') ?? base.clientProcesses,
    profile: values.profile ?? false,
  };
}
