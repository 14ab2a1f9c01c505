import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type {
  EntryGrid,
  GridQuery,
  GridSaveRow,
  MonthlyReport,
  ReportAction,
  ReportQueue,
  ReportStatus,
} from '../types.ts';

export const GRID_KEY = ['capital-grid'] as const;
export const REPORT_KEY = ['monthly-report'] as const;
export const QUEUE_KEY = ['monthly-reports'] as const;
const SETTINGS_KEY = ['monthly-reports-settings'] as const;

/**
 * `GET /api/v1/capital-entries/grid`: one page of the live projects of a region with this month's entries.
 * While the next page loads the current one stays (same region and month only).
 */
export function useEntryGrid(region: string | null, month: string, view: GridQuery) {
  const q = view.q.trim();
  return useQuery({
    queryKey: [...GRID_KEY, region, month, view.page, view.pageSize, q, view.filled ?? ''],
    queryFn: ({ signal }) =>
      api.get<EntryGrid>(
        '/api/v1/capital-entries/grid',
        {
          region,
          month,
          page: view.page,
          page_size: view.pageSize,
          q: q || undefined,
          filled: view.filled,
        },
        signal,
      ),
    enabled: !!region,
    placeholderData: (prev) => (prev && prev.region === region && prev.month === month ? prev : undefined),
  });
}

/** `PUT /api/v1/capital-entries/grid`: all rows or none. */
export function useSaveGrid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { region: string; month: string; rows: GridSaveRow[] }) =>
      api.put<{ changed: number }>('/api/v1/capital-entries/grid', v),
    onSuccess: (_r, v) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...GRID_KEY, v.region, v.month] }),
        queryClient.invalidateQueries({ queryKey: [...REPORT_KEY, v.region, v.month] }),
        queryClient.invalidateQueries({ queryKey: [...QUEUE_KEY, v.month] }),
      ]),
  });
}

/**
 * After an Excel import: its rows may name any month and region in scope, so every grid, report and queue
 * is fetched again, and the live bulletin with them.
 */
export function useInvalidateCapital() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: GRID_KEY }),
      queryClient.invalidateQueries({ queryKey: REPORT_KEY }),
      queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
      queryClient.invalidateQueries({ queryKey: ['bulletins'] }),
    ]);
}

/** `GET /api/v1/monthly-reports/:region/:month`: status, totals, history and the three lists. */
export function useReport(region: string | null, month: string) {
  return useQuery({
    queryKey: [...REPORT_KEY, region, month],
    queryFn: ({ signal }) =>
      api.get<MonthlyReport>(`/api/v1/monthly-reports/${region}/${month}`, undefined, signal),
    enabled: !!region,
  });
}

/** Submit, approve, return (reason) or reopen (reason) a region's report. */
export function useReportAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { region: string; month: string; action: ReportAction; reason?: string }) =>
      api.post<MonthlyReport>(
        `/api/v1/monthly-reports/${v.region}/${v.month}/${v.action}`,
        v.reason === undefined ? {} : { reason: v.reason },
      ),
    onSuccess: (report, v) => {
      queryClient.setQueryData([...REPORT_KEY, v.region, v.month], report);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: [...GRID_KEY, v.region, v.month] }),
        queryClient.invalidateQueries({ queryKey: [...QUEUE_KEY, v.month] }),
        queryClient.invalidateQueries({ queryKey: ['bulletins'] }),
      ]);
    },
  });
}

export interface QueueFilters {
  status?: ReportStatus;
  late?: boolean;
}

/** `GET /api/v1/monthly-reports?month=`: every region expected to report, with status counts. */
export function useReportQueue(month: string, filters: QueueFilters = {}) {
  return useQuery({
    queryKey: [...QUEUE_KEY, month, filters],
    queryFn: ({ signal }) =>
      api.get<ReportQueue>(
        '/api/v1/monthly-reports',
        {
          month,
          status: filters.status,
          late: filters.late === undefined ? undefined : String(filters.late),
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useDueDay() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) =>
      api.get<{ due_day: number }>('/api/v1/monthly-reports/settings', undefined, signal),
  });
}

export function useSetDueDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dueDay: number) =>
      api.put<{ due_day: number }>('/api/v1/monthly-reports/settings', { due_day: dueDay }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: SETTINGS_KEY }),
        queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
        queryClient.invalidateQueries({ queryKey: REPORT_KEY }),
      ]),
  });
}
