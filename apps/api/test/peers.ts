import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** A port nobody is listening on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Real peer binaries from Debian packages; tests skip with a message when one is missing. */
export const peers = {
  alertmanager: '/usr/bin/prometheus-alertmanager',
  prometheus: '/usr/bin/prometheus',
};

export function peerMissing(binary: string, pkg: string): boolean {
  if (existsSync(binary)) return false;
  console.warn(`skipping: ${binary} not found (apt-get install -y ${pkg}; .ci/run installs it)`);
  return true;
}

export interface Peer {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export function startPeer(binary: string, args: string[]): Peer {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
