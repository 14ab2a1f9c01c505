import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SchemeInput } from '../../../../shared/schemas/assessments.ts';
import { api } from '../../../api/client.ts';
import type {
  AssessmentSettings,
  Award,
  InterviewCase,
  InterviewDetail,
  MetricInfo,
  RegionDetail,
  Run,
  RunDiff,
  RunHead,
  Scheme,
} from '../types.ts';

const KEY = ['assessments'] as const;
const INTERVIEWS = ['interviews'] as const;
const AWARDS = ['awards'] as const;

export function useMetrics() {
  return useQuery({
    queryKey: [...KEY, 'metrics'],
    queryFn: ({ signal }) =>
      api.get<{ items: MetricInfo[] }>('/api/v1/assessments/metrics', undefined, signal),
    staleTime: Infinity,
  });
}

export function useSchemes() {
  return useQuery({
    queryKey: [...KEY, 'schemes'],
    queryFn: ({ signal }) => api.get<{ items: Scheme[] }>('/api/v1/assessments/schemes', undefined, signal),
  });
}

export function useScheme(id: string | undefined, version?: number) {
  return useQuery({
    queryKey: [...KEY, 'schemes', id, version ?? 'current'],
    queryFn: ({ signal }) => api.get<Scheme>(`/api/v1/assessments/schemes/${id}`, { version }, signal),
    enabled: !!id,
  });
}

export function useSaveScheme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; revision?: number; input: SchemeInput }) =>
      v.id
        ? api.put<Scheme>(`/api/v1/assessments/schemes/${v.id}`, { ...v.input, revision: v.revision })
        : api.post<Scheme>('/api/v1/assessments/schemes', v.input),
    onSettled: () => qc.invalidateQueries({ queryKey: [...KEY, 'schemes'] }),
  });
}

export function useSettings() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: ({ signal }) => api.get<AssessmentSettings>('/api/v1/assessments/settings', undefined, signal),
  });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (codes: string[]) =>
      api.put<AssessmentSettings>('/api/v1/assessments/settings', { strategic_industries: codes }),
    onSettled: () => qc.invalidateQueries({ queryKey: [...KEY, 'settings'] }),
  });
}

export function useRuns(filters: { year?: number; status?: string } = {}) {
  return useQuery({
    queryKey: [...KEY, 'runs', filters],
    queryFn: ({ signal }) =>
      api.get<{ items: RunHead[]; total: number }>('/api/v1/assessments/runs', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRun(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'runs', 'one', id],
    queryFn: ({ signal }) => api.get<Run>(`/api/v1/assessments/runs/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreateRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { scheme_id: string; period: string }) => api.post<Run>('/api/v1/assessments/runs', v),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useAdvanceRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; step: 'review' | 'finalize' }) =>
      api.post<Run>(`/api/v1/assessments/runs/${v.id}/${v.step}`),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRunDiff(id: string | undefined, against: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'runs', 'diff', id, against],
    queryFn: ({ signal }) => api.get<RunDiff>(`/api/v1/assessments/runs/${id}/diff`, { against }, signal),
    enabled: !!id && !!against,
  });
}

export function useRegionDetail(id: string | undefined, region: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'runs', 'region', id, region],
    queryFn: ({ signal }) =>
      api.get<RegionDetail>(`/api/v1/assessments/runs/${id}/regions/${region}`, { limit: 500 }, signal),
    enabled: !!id && !!region,
  });
}

export function useInterviews(filters: { run_id?: string; status?: string } = {}) {
  return useQuery({
    queryKey: [...INTERVIEWS, filters],
    queryFn: ({ signal }) =>
      api.get<{ items: InterviewCase[]; total: number }>('/api/v1/interviews', filters, signal),
  });
}

export function useInterview(id: string | undefined) {
  return useQuery({
    queryKey: [...INTERVIEWS, 'one', id],
    queryFn: ({ signal }) => api.get<InterviewDetail>(`/api/v1/interviews/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useOpenInterviews() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      api.post<{ created: InterviewCase[]; existing: number }>('/api/v1/interviews/bulk', { run_id: runId }),
    onSettled: () => qc.invalidateQueries({ queryKey: INTERVIEWS }),
  });
}

export interface InterviewPatch {
  version: number;
  status?: InterviewCase['status'];
  interview_date?: string | null;
  location?: string | null;
  interviewer?: string | null;
  interviewee?: string | null;
  participants?: string | null;
  minutes?: string | null;
  follow_up?: string | null;
}

export function useUpdateInterview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; patch: InterviewPatch }) =>
      api.patch<InterviewCase>(`/api/v1/interviews/${v.id}`, v.patch),
    onSettled: () => qc.invalidateQueries({ queryKey: INTERVIEWS }),
  });
}

export function useAddRectification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; title: string; deadline: string; description?: string }) =>
      api.post<{ id: string }>(`/api/v1/interviews/${v.id}/rectifications`, {
        title: v.title,
        deadline: v.deadline,
        description: v.description || null,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: INTERVIEWS }),
  });
}

export function useAwards(filters: { run_id?: string; year?: number } = {}) {
  return useQuery({
    queryKey: [...AWARDS, filters],
    queryFn: ({ signal }) => api.get<{ items: Award[]; total: number }>('/api/v1/awards', filters, signal),
  });
}

export function useGrantAwards() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      api.post<{ created: number; items: Award[] }>('/api/v1/awards/from-run', { run_id: runId }),
    onSettled: () => qc.invalidateQueries({ queryKey: AWARDS }),
  });
}
