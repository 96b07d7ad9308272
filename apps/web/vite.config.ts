import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The API serves dist/ on its own origin; under `vite dev`, /api goes to a local server.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
  build: { target: 'es2022', sourcemap: true },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
