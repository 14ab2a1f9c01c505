import type { QueryClient } from '@tanstack/react-query';
import { fetchProjectList, projectListKey } from './hooks/useProjects.ts';
import { listQuery, readListState } from './utils/filters.ts';

/**
 * The page of the project list that an address opened directly will show, asked for while the page's chunk
 * loads (router.tsx), under the key the page reads — so the first render of the list has its rows instead of
 * asking for them once it has rendered. `/auth/me` may still be under way: a 401 here stays quiet (the
 * guard sends the user to the login page), and a failed prefetch leaves the page to ask again.
 */
export function prefetchProjectList(client: QueryClient, search: URLSearchParams) {
  const query = listQuery(readListState(search));
  return client.prefetchQuery({
    queryKey: projectListKey(query),
    queryFn: ({ signal }) => fetchProjectList(query, { signal, quiet401: true }),
  });
}
