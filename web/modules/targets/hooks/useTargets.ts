import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { TargetInput, TargetList } from '../types.ts';

export const TARGETS_KEY = ['targets'] as const;

export function useTargets(year: number, parent?: string) {
  return useQuery({
    queryKey: [...TARGETS_KEY, year, parent ?? null],
    queryFn: ({ signal }) => api.get<TargetList>('/api/v1/targets', { year, parent }, signal),
    placeholderData: keepPreviousData,
  });
}

/** `PUT /api/v1/targets/:year/:region` (office, admin). */
export function useSaveTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { year: number; region: string; input: TargetInput }) =>
      api.put(`/api/v1/targets/${v.year}/${v.region}`, v.input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: TARGETS_KEY }),
        queryClient.invalidateQueries({ queryKey: ['bulletins'] }),
      ]),
  });
}
