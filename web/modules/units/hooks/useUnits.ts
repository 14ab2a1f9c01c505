import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitKind } from '../../../../shared/enums.ts';
import { api } from '../../../api/client.ts';
import type { Items, Unit, UnitInput } from '../../../api/types.ts';

export interface UnitFilters {
  kind?: UnitKind;
  q?: string;
  region?: string;
}

export const UNITS_KEY = ['units'] as const;

/** `GET /api/v1/units`: the server already limits district and liaison users to their region. */
export function useUnits(filters: UnitFilters = {}) {
  return useQuery({
    queryKey: [...UNITS_KEY, filters],
    queryFn: ({ signal }) =>
      api.get<Items<Unit>>(
        '/api/v1/units',
        { kind: filters.kind, q: filters.q, region: filters.region },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSaveUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; input: UnitInput }) =>
      v.id
        ? api.patch<Unit>(`/api/v1/units/${v.id}`, { ...v.input, version: v.version })
        : api.post<Unit>('/api/v1/units', v.input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: UNITS_KEY }),
  });
}

export function useDeleteUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/units/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: UNITS_KEY }),
  });
}
