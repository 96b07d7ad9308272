/** What `LoadMore` needs from a TanStack infinite query. */
interface Paged {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** The next page of a paged list, on demand; absent once the server says there is no more. */
export function LoadMore({ query, label = 'Load more' }: { query: Paged; label?: string }) {
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      className="load-more"
      disabled={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {query.isFetchingNextPage ? 'Loading…' : label}
    </button>
  );
}
