// Loaded with `node --import <this file>?dir=<directory>` (Node 20 refuses --cpu-prof in
// NODE_OPTIONS, the one way to reach a child the bench spawns): profiles the whole process
// with V8's sampling profiler and writes `<pid>.cpuprofile` into `dir` when it exits, as
// `--cpu-prof` would. Plain JavaScript: it runs before tsx is loaded.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = new URL(import.meta.url).searchParams.get('dir');
if (!dir) throw new Error('cpu-profile-preload: no ?dir=');
const session = new Session();
session.connect();
// The same sampling interval as --cpu-prof's default.
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.once('exit', () => {
  // A same-thread session answers synchronously, so this finishes before the process ends.
  session.post('Profiler.stop', (error, result) => {
    if (!error)
      writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
