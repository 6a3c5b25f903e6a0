/** One subgraph's factory of a set of loaders (loaders that share state come from one call). */
type LoaderGroup<Deps> = (deps: Deps) => object;

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** Every loader of every group, as one object. */
export type LazyLoaders<Groups extends readonly LoaderGroup<never>[]> = Intersection<
  ReturnType<Groups[number]>
>;

/** What every group needs. */
type DepsOf<Groups extends readonly LoaderGroup<never>[]> = Intersection<
  Parameters<Groups[number]>[0]
>;

const DEPS = Symbol('deps');
const MADE = Symbol('made');

interface Instance<Deps> {
  [DEPS]: Deps;
  [MADE]: (Record<string, unknown> | undefined)[];
}

/**
 * The per-request loaders of a subgraph, each group made when one of its loaders is first
 * read: an operation uses a few of a subgraph's loaders, and making every DataLoader (with its
 * cache and closures) on every request was CPU spent for nothing. Every loader is still fresh
 * per request. The loaders are getters of a class made once (a group's names are learnt from
 * its first call), so reading one costs a property access and no object is reshaped; they are
 * not own properties, so spreading the object loses them.
 */
export function lazyLoaders<const Groups extends readonly LoaderGroup<never>[]>(
  ...groups: Groups
): (deps: DepsOf<Groups>) => LazyLoaders<Groups> {
  let Loaders: (new (deps: DepsOf<Groups>) => object) | undefined;
  return (deps) => {
    Loaders ??= loadersClass(groups, deps);
    return new Loaders(deps) as LazyLoaders<Groups>;
  };
}

function loadersClass<Deps>(
  groups: readonly LoaderGroup<never>[],
  sample: Deps,
): new (
  deps: Deps,
) => object {
  class Loaders implements Instance<Deps> {
    [DEPS]: Deps;
    [MADE]: (Record<string, unknown> | undefined)[];
    constructor(deps: Deps) {
      this[DEPS] = deps;
      this[MADE] = new Array(groups.length);
    }
  }
  const seen = new Set<string>();
  groups.forEach((anyGroup, index) => {
    const group = anyGroup as LoaderGroup<Deps>;
    // Making a group has no side effect (DataLoaders query only when asked to load).
    for (const key of Object.keys(group(sample))) {
      if (seen.has(key)) throw new Error(`two loader groups define ${key}`);
      seen.add(key);
      Object.defineProperty(Loaders.prototype, key, {
        enumerable: true,
        get(this: Instance<Deps>) {
          let made = this[MADE][index];
          if (made === undefined) {
            made = group(this[DEPS]) as Record<string, unknown>;
            this[MADE][index] = made;
          }
          return made[key];
        },
      });
    }
  });
  return Loaders;
}
