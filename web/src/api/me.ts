import { useQuery } from '@tanstack/react-query';
import { answer, api } from './client';
import { queryKeys } from './query-keys';

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: () => answer(api.GET('/api/me')),
    staleTime: 60_000,
  });
}
