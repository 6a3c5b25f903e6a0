// tsx bench/src/subgraphs/summarize-profiles.ts <dir or .cpuprofile files> [--top 25]: where
// each profiled subgraph spent its CPU once serving (`pnpm bench subgraphs --cpu-prof <dir>`
// writes the profiles), by package and by function, as shares of its busy time. The machine's
// load inflates absolute times; read the shares.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CpuProfile, type Share, summarizeProfile } from './profile-summary.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const top = Number(values.top);
const files = positionals.flatMap((path) =>
  statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(path, name))
    : [path],
);
const table = (title: string, shares: Share[]) =>
  [
    `  ${title}`,
    ...shares.slice(0, top).map((s) => `  ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.name}`),
  ].join('\n');
for (const file of files) {
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  console.log(`${file}: ${summary.busyMs.toFixed(0)} ms busy once serving`);
  console.log(table('self, by package', summary.packages));
  console.log(table('self, by function', summary.self));
  console.log(table('inclusive (synchronous stack), by function', summary.inclusive));
}
