import { swaggerUI } from '@hono/swagger-ui';
import { Hono } from 'hono';
import { openApiDocument } from '../openapi.ts';
import type { AppDeps, AppEnv } from '../types.ts';

export const docsRoutes = ({ version }: AppDeps) => {
  const document = openApiDocument(version);
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.json(document))
    .get('/docs', swaggerUI({ url: '/api/openapi.json', title: 'Watchfloor API' }));
};
