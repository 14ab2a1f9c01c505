import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Items } from '../../../api/types.ts';
import type {
  AttachmentMeta,
  CheckResult,
  InspectionDetail,
  InspectionSummary,
  Rectification,
  RectificationFilters,
  RectificationList,
  RectificationPatch,
  VerificationCreated,
  VerificationDetail,
  VerificationSummary,
} from '../types.ts';

const VERIFICATIONS_KEY = ['verifications'] as const;
const INSPECTIONS_KEY = ['inspections'] as const;
const RECTIFICATIONS_KEY = ['rectifications'] as const;

export function useVerifications() {
  return useQuery({
    queryKey: VERIFICATIONS_KEY,
    queryFn: ({ signal }) => api.get<Items<VerificationSummary>>('/api/v1/verifications', undefined, signal),
  });
}

export function useVerification(id: string | undefined) {
  return useQuery({
    queryKey: [...VERIFICATIONS_KEY, id],
    queryFn: ({ signal }) => api.get<VerificationDetail>(`/api/v1/verifications/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { period: string; sample_size: number; seed?: string; title?: string }) =>
      api.post<VerificationCreated>('/api/v1/verifications', v),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: VERIFICATIONS_KEY }),
  });
}

export function useCheckVerificationItem(verificationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { itemId: string; result: CheckResult; finding?: string; deadline?: string }) =>
      api.post<{ id: string; result: CheckResult; rectification_id: string | null }>(
        `/api/v1/verifications/${verificationId}/items/${v.itemId}`,
        { result: v.result, finding: v.finding, deadline: v.deadline },
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: VERIFICATIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: RECTIFICATIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: ['bulletins'] }),
      ]),
  });
}

export function useCloseVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/verifications/${id}/close`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: VERIFICATIONS_KEY }),
  });
}

export function useInspections() {
  return useQuery({
    queryKey: INSPECTIONS_KEY,
    queryFn: ({ signal }) => api.get<Items<InspectionSummary>>('/api/v1/inspections', undefined, signal),
  });
}

export function useInspection(id: string | undefined) {
  return useQuery({
    queryKey: [...INSPECTIONS_KEY, id],
    queryFn: ({ signal }) => api.get<InspectionDetail>(`/api/v1/inspections/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateInspection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { quarter: string; title?: string }) =>
      api.post<{ id: string; quarter: string; title: string; items: number }>('/api/v1/inspections', v),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INSPECTIONS_KEY }),
  });
}

export function useCheckInspectionItem(inspectionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      itemId: string;
      progress?: string;
      funds?: string;
      problems?: string;
      result: 'ok' | 'issue';
      deadline?: string;
    }) => {
      const { itemId, ...body } = v;
      return api.post<{ id: string; result: string; rectification_id: string | null }>(
        `/api/v1/inspections/${inspectionId}/items/${itemId}`,
        body,
      );
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: INSPECTIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: RECTIFICATIONS_KEY }),
      ]),
  });
}

export function useRectifications(filters: RectificationFilters) {
  return useQuery({
    queryKey: [...RECTIFICATIONS_KEY, filters],
    queryFn: ({ signal }) =>
      api.get<RectificationList>(
        '/api/v1/rectifications',
        {
          status: filters.status,
          region: filters.region,
          source: filters.source,
          source_id: filters.source_id,
          overdue: filters.overdue === undefined ? undefined : String(filters.overdue),
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateRectification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; patch: RectificationPatch }) =>
      api.patch<Rectification>(`/api/v1/rectifications/${v.id}`, v.patch),
    onSettled: () => queryClient.invalidateQueries({ queryKey: RECTIFICATIONS_KEY }),
  });
}

/** Names of evidence files (`GET /api/v1/attachments/:id/meta`), one request per file. */
export function useAttachmentMeta(id: string) {
  return useQuery({
    queryKey: ['attachments', 'meta', id],
    queryFn: ({ signal }) => api.get<AttachmentMeta>(`/api/v1/attachments/${id}/meta`, undefined, signal),
    staleTime: Infinity,
  });
}
