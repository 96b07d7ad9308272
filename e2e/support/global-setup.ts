import { E2E_PORT } from './env.ts';
import { startServer } from './server.ts';

/** One server for the suite; the API-down spec starts its own so it can stop it. */
export default async function globalSetup() {
  const inUse = await fetch(`http://127.0.0.1:${E2E_PORT}/api/health`).then(
    () => true,
    () => false,
  );
  if (inUse) throw new Error(`Port ${E2E_PORT} is taken; set WATCHFLOOR_E2E_PORT to a free one.`);
  const server = await startServer({ port: E2E_PORT });
  return async () => server.stop();
}
