/** The suite's server port (fixed so the config's baseURL is known before setup runs). */
export const E2E_PORT = Number(process.env.WATCHFLOOR_E2E_PORT ?? 8797);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
