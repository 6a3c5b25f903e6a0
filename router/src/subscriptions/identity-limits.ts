export interface IdentityLimitsOptions {
  /** Open sockets one identity may hold on this instance. */
  maxConnections: number;
  /** Active subscriptions one identity may hold on this instance, all its sockets together. */
  maxSubscriptions: number;
}

/** A slot taken under a limit; `release` gives it back (a second call does nothing). */
export interface Slot {
  release(): void;
}

export interface IdentityLimits {
  /** A connection slot, or null when the identity already holds `maxConnections`. */
  connection(identity: string): Slot | null;
  /** A subscription slot, or null when the identity already holds `maxSubscriptions`. */
  subscription(identity: string): Slot | null;
}

/**
 * Per-identity counters of sockets and subscriptions, so one user (or one address, when
 * anonymous) can not hold the instance's memory and fan-out work. Per instance: a client
 * spread over N instances may hold N times as much, which the load balancer bounds.
 */
export function createIdentityLimits(options: IdentityLimitsOptions): IdentityLimits {
  const counter = (max: number) => {
    const counts = new Map<string, number>();
    return (identity: string): Slot | null => {
      const held = counts.get(identity) ?? 0;
      if (held >= max) return null;
      counts.set(identity, held + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const left = (counts.get(identity) ?? 1) - 1;
          if (left > 0) counts.set(identity, left);
          else counts.delete(identity);
        },
      };
    };
  };
  return {
    connection: counter(options.maxConnections),
    subscription: counter(options.maxSubscriptions),
  };
}
