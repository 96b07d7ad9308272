import { Suspense, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useKillSwitch } from './api/kill-switch.ts';
import { useSessionProbe } from './api/session.ts';
import { ConnectionBanner, KillSwitchBanner } from './components/Banners.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { KillSwitchControl } from './components/KillSwitchControl.tsx';
import { SessionControl, SignInDialog } from './components/SessionControl.tsx';
import { SimulationPanel } from './components/SimulationPanel.tsx';
import { UpdatedAgo } from './components/UpdatedAgo.tsx';
import { navPages } from './routes.ts';

export function Layout() {
  const [signingIn, setSigningIn] = useState(false);
  useSessionProbe();
  const { dataUpdatedAt, isError } = useKillSwitch();
  const { pathname } = useLocation();
  const openSignIn = () => setSigningIn(true);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◉
          </span>{' '}
          Watchfloor
        </div>
        <nav aria-label="Pages">
          <ul>
            {navPages.map((p) => (
              <li key={p.path}>
                <NavLink to={p.path} end={p.path === '/'}>
                  {p.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <SimulationPanel />
      </aside>
      <div className="main-column">
        <header className="topbar">
          <span className="live" data-testid="connection">
            <span className={`dot ${isError ? 'dot-crit' : 'dot-ok'}`} aria-hidden="true" />
            {isError ? 'API not answering' : 'Live'} · <UpdatedAgo at={dataUpdatedAt} />
          </span>
          <div className="topbar-actions">
            <KillSwitchControl />
            <SessionControl onSignIn={openSignIn} />
          </div>
        </header>
        <KillSwitchBanner />
        <ConnectionBanner onSignIn={openSignIn} />
        <main id="main" tabIndex={-1}>
          <ErrorBoundary key={pathname}>
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
      <SignInDialog open={signingIn} onClose={() => setSigningIn(false)} />
    </div>
  );
}
