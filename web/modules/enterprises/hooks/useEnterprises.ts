import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EnterpriseCreate, EnterprisePatch } from '../../../../shared/schemas/enterprises.ts';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { EnterpriseDetail, EnterpriseDto } from '../types.ts';

export const ENTERPRISES_KEY = ['enterprises'] as const;

export type EnterpriseListQuery = Record<string, string | number | undefined>;

export function useEnterpriseList(query: EnterpriseListQuery, enabled = true) {
  return useQuery({
    queryKey: [...ENTERPRISES_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<Page<EnterpriseDto>>('/api/v1/enterprises', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnterprise(id: string | undefined | null) {
  return useQuery({
    queryKey: [...ENTERPRISES_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<EnterpriseDetail>(`/api/v1/enterprises/${id}`, undefined, signal),
    enabled: !!id,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY }),
      queryClient.invalidateQueries({ queryKey: ['projects'] }),
    ]);
}

export function useCreateEnterprise() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: EnterpriseCreate) => api.post<EnterpriseDto>('/api/v1/enterprises', input),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateEnterprise(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: EnterprisePatch) => api.patch<EnterpriseDto>(`/api/v1/enterprises/${id}`, input),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteEnterprise() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/enterprises/${id}`),
    onSuccess: () => invalidate(),
  });
}

export function useInvalidateEnterprises() {
  return useInvalidate();
}
