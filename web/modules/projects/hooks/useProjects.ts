import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectCreate, ProjectPatch, TransitionInput } from '../../../../shared/schemas/projects.ts';
import { api, request } from '../../../api/client.ts';
import type { Items, Page } from '../../../api/types.ts';
import type { AttachmentDto, ProjectDto, TransitionDto } from '../types.ts';

export const PROJECTS_KEY = ['projects'] as const;
const ENTERPRISES_KEY = ['enterprises'] as const;

export type ProjectListQuery = Record<string, string | number | undefined>;

/** `GET /api/v1/projects`: one page of the filtered, sorted list, with the total. */
export function useProjectList(query: ProjectListQuery, enabled = true) {
  return useQuery({
    queryKey: projectListKey(query),
    queryFn: ({ signal }) => fetchProjectList(query, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function projectListKey(query: ProjectListQuery) {
  return [...PROJECTS_KEY, 'list', query] as const;
}

/** One page of the list (also the router's early request, prefetch.ts, which keeps a 401 quiet). */
export function fetchProjectList(
  query: ProjectListQuery,
  opts: { signal?: AbortSignal; quiet401?: boolean },
) {
  return request<Page<ProjectDto>>('GET', '/api/v1/projects', { query, ...opts });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<ProjectDto>(`/api/v1/projects/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useTransitions(id: string | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, 'transitions', id],
    queryFn: ({ signal }) =>
      api.get<Items<TransitionDto>>(`/api/v1/projects/${id}/transitions`, undefined, signal),
    enabled: !!id,
  });
}

export function useProjectAttachments(id: string | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, 'attachments', id],
    queryFn: ({ signal }) =>
      api.get<Items<AttachmentDto>>(`/api/v1/projects/${id}/attachments`, undefined, signal),
    enabled: !!id,
  });
}

/** After any write: lists, details, board and the investor's page may all show the project. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: PROJECTS_KEY }),
      queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY }),
      queryClient.invalidateQueries({ queryKey: ['double-counts'] }),
    ]);
}

export function useCreateProject() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: ProjectCreate) => api.post<ProjectDto>('/api/v1/projects', input),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateProject(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: ProjectPatch) => api.patch<ProjectDto>(`/api/v1/projects/${id}`, input),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteProject() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/projects/${id}`),
    onSuccess: () => invalidate(),
  });
}

export function useTransitionProject() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; input: TransitionInput }) =>
      api.post<{ transition: TransitionDto; project: ProjectDto }>(
        `/api/v1/projects/${v.id}/transitions`,
        v.input,
      ),
    onSuccess: () => invalidate(),
  });
}

export function useInvalidateProjects() {
  return useInvalidate();
}
