import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { createQueryClient } from './api/query-client.ts';
import { Layout } from './Layout.tsx';
import { detailPages, navPages } from './routes.ts';

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing lives at this address. <Link to="/">Back to the overview</Link>.
      </p>
    </section>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      {/* Synchronous URL updates: filter chips are controlled by the address bar. */}
      <BrowserRouter useTransitions={false}>
        <Routes>
          <Route element={<Layout />}>
            {[...navPages, ...detailPages].map(({ path, Page }) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
