import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Cockpit } from '../types.ts';

export function useCockpit(year: number) {
  return useQuery({
    queryKey: ['cockpit', year],
    queryFn: ({ signal }) => api.get<Cockpit>('/api/v1/cockpit', { year }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
