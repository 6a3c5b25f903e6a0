/**
 * Largest page a connection field serves (`first`). `pageArgs` refuses more with
 * BAD_USER_INPUT, and the router's cost estimate assumes this many when a client sends
 * `first: null`, so both ends agree on the worst case.
 */
export const MAX_PAGE_SIZE = 100;

/**
 * Federation's `@listSize` arguments (the IBM cost spec, `federation/v2.9`), as Pothos'
 * federation plugin takes them in a field's `listSize` option. The router's demand control
 * reads them from the supergraph to estimate an operation's cost before calling a subgraph.
 */
export type ListSize = {
  /** Size assumed when no slicing argument gives one. */
  assumedSize?: number;
  /** Arguments whose value is the list's size (`first`). */
  slicingArguments?: string[];
  /** Child fields the size applies to instead of the field itself (`edges` of a connection). */
  sizedFields?: string[];
  /** Whether an operation must pass exactly one slicing argument; the spec's default is true. */
  requireOneSlicingArgument?: boolean;
};

/**
 * A Relay connection field with `first: Int = <default>`: `edges` holds `first` items. An
 * absent `first` takes the schema default; `first: null` is costed at the largest page.
 */
export const connectionListSize = {
  slicingArguments: ['first'],
  sizedFields: ['edges'],
  assumedSize: MAX_PAGE_SIZE,
  requireOneSlicingArgument: false,
} as const satisfies ListSize;

/**
 * `assumedSize` of a list the subgraph does not page: the size a typical parent has, which the
 * router multiplies the selection's cost by.
 */
export function assumedListSize(size: number): ListSize {
  return { assumedSize: size };
}

/** The federation directives a subgraph imports to declare costs (`@link(import: …)`). */
export const COST_DIRECTIVES = ['@cost', '@listSize'] as const;

/**
 * The federation directives a subgraph imports (`@link(import: …)`): entities and their
 * extensions (`@extends`: Pothos's externalRef marks another subgraph's entity), the cost
 * declarations, and `extra` ones of its own (`@inaccessible`).
 */
export function federationDirectives(...extra: `@${string}`[]): string[] {
  return ['@key', '@shareable', '@external', '@requires', '@extends', ...extra, ...COST_DIRECTIVES];
}

/** The federation version whose spec defines `@cost` and `@listSize`. */
export const FEDERATION_LINK_URL = 'https://specs.apollo.dev/federation/v2.9';
