export { buildDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-data.ts';
export { seedDemoData } from './seed/seed-demo.ts';
export { type RunningStack, type StackOptions, startStack } from './start-stack.ts';
export { SUBGRAPH_NAMES, type SubgraphName } from './subgraphs.ts';
