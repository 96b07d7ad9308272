import { defineConfig } from 'vitest/config';

// Generous timeouts: CI machines are small and run packages side by side.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['@watchfloor/vitest-config/seed-properties'],
  },
});
