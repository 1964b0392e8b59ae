import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';
import { queryKeys } from './query-keys';
import type { LifecycleCatalog } from './types';

/** The presentation catalogue never changes while the app runs, so it is fetched once. */
export function useLifecycleCatalog() {
  return useQuery({
    queryKey: queryKeys.lifecycle,
    queryFn: () => apiRequest<LifecycleCatalog>('GET', '/api/lifecycle'),
    staleTime: Infinity,
  });
}
