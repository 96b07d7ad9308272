import { Component, type ReactNode } from 'react';
import { errorMessage } from '../api/errors.ts';

interface State {
  error: unknown;
}

/**
 * Keeps the shell (navigation, banners, kill switch) on screen when a page fails to render —
 * most often a lazily loaded page or chart whose code could not be fetched because the
 * server went away. Reset by remounting (the layout keys it by path).
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="panel" role="alert" aria-label="Page failed to load">
        <h1>This page could not be shown</h1>
        <p className="error-note">{errorMessage(this.state.error)}</p>
        <p className="muted">
          Its code or data could not be loaded — often because the Watchfloor server is not
          answering. The banner above says when it is back.
        </p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </section>
    );
  }
}
