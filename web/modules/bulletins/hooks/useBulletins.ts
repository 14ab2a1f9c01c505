import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../api/client.ts';
import type { Items } from '../../../api/types.ts';
import type { Bulletin, BulletinTrend, BulletinVersion } from '../types.ts';

export const BULLETINS_KEY = ['bulletins'] as const;

export interface BulletinQuery {
  month: string;
  parent?: string;
  version?: number;
}

/**
 * `GET /api/v1/bulletins/:month`: live figures for the office and leaders (or a version on request);
 * districts get the latest published version, and `null` before the first one (the API's 404).
 */
export function useBulletin(q: BulletinQuery) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'one', q.month, q.parent ?? null, q.version ?? null],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Bulletin>(
          `/api/v1/bulletins/${q.month}`,
          { parent: q.parent, version: q.version },
          signal,
        );
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    placeholderData: keepPreviousData,
  });
}

export function useBulletinVersions(month: string, parent?: string) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'versions', month, parent ?? null],
    queryFn: ({ signal }) =>
      api.get<Items<BulletinVersion>>(`/api/v1/bulletins/${month}/versions`, { parent }, signal),
  });
}

/** Month-by-month totals this year and last (office, admin, leaders, departments only). */
export function useBulletinTrend(month: string, parent: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'trend', month, parent ?? null],
    queryFn: ({ signal }) => api.get<BulletinTrend>(`/api/v1/bulletins/${month}/trend`, { parent }, signal),
    enabled,
  });
}

export function usePublishBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { month: string; parent?: string; note?: string }) =>
      api.post<Bulletin>(`/api/v1/bulletins/${v.month}/publish`, {
        ...(v.parent ? { parent: v.parent } : {}),
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: BULLETINS_KEY }),
  });
}
