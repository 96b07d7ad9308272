import { readFileSync } from 'node:fs';

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * CPU time of the main (JavaScript) thread so far, in ms: what a tick really costs the event
 * loop. Unlike wall time it leaves out time spent waiting for a core on a busy machine, and
 * unlike process.cpuUsage() the GC and compiler helper threads. Linux only
 * (/proc/<pid>/task/<tid>/schedstat: ns on the CPU, brought up to date at scheduler events,
 * so good to a few ms); elsewhere process CPU time.
 */
export const mainThreadCpuMs: () => number = (() => {
  try {
    readFileSync(SCHEDSTAT, 'utf8');
    return () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
  }
})();
