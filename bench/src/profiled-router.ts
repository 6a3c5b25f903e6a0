// The router under a CPU profiler the bench switches on and off (Node 20 refuses --cpu-prof in
// NODE_OPTIONS): the first SIGUSR2 starts profiling, the second writes the profile to the path
// given as the first argument (open it in Chrome DevTools or speedscope). `node --import tsx/esm
// bench/src/profiled-router.ts <file.cpuprofile>`, with the router's environment.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: profiled-router.ts <file.cpuprofile>');
const session = new Session();
session.connect();
let profiling = false;
process.on('SIGUSR2', () => {
  if (!profiling) {
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    profiling = true;
    return;
  }
  session.post('Profiler.stop', (err, result) => {
    if (!err) writeFileSync(path, JSON.stringify(result.profile));
  });
  profiling = false;
});
await import('../../router/src/main.ts');
