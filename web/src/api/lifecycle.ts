import { useQuery } from '@tanstack/react-query';
import { answer, api } from './client';
import { queryKeys } from './query-keys';

/** The presentation catalogue never changes while the app runs, so it is fetched once. */
export function useLifecycleCatalog() {
  return useQuery({
    queryKey: queryKeys.lifecycle,
    queryFn: () => answer(api.GET('/api/lifecycle')),
    staleTime: Infinity,
  });
}
