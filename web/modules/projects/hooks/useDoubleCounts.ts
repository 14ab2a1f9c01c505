import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { DoubleCountItem, DoubleCountKind } from '../types.ts';

export const DOUBLE_COUNTS_KEY = ['double-counts'] as const;

export interface DoubleCountQuery {
  kind?: DoubleCountKind;
  reviewed: 'hide' | 'only' | 'all';
  page: number;
  page_size: number;
}

export function useDoubleCounts(q: DoubleCountQuery) {
  return useQuery({
    queryKey: [...DOUBLE_COUNTS_KEY, q],
    queryFn: ({ signal }) =>
      api.get<Page<DoubleCountItem>>(
        '/api/v1/double-counts',
        { kind: q.kind, reviewed: q.reviewed, page: q.page, page_size: q.page_size },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: DOUBLE_COUNTS_KEY }),
      queryClient.invalidateQueries({ queryKey: ['projects'] }),
      queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
    ]);
}

export function useConfirmDistinct() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { key: string; note: string }) =>
      api.post<DoubleCountItem>(`/api/v1/double-counts/${encodeURIComponent(v.key)}/confirm-distinct`, {
        note: v.note,
      }),
    onSuccess: () => invalidate(),
  });
}

export function useMergeEnterprises() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { keep_id: string; merge_ids: string[]; note: string }) =>
      api.post<{ merged_ids: string[]; projects_repointed: number }>('/api/v1/double-counts/merge', v),
    onSuccess: () => invalidate(),
  });
}
