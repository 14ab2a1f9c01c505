import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { AuditEntry, Items, Page } from '../../../api/types.ts';

export interface AuditFilters {
  user?: string;
  entity?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  page_size: number;
}

export function useAudit(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/v1/audit', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAuditEntities() {
  return useQuery({
    queryKey: ['audit', 'entities'],
    queryFn: ({ signal }) => api.get<Items<string>>('/api/v1/audit/entities', undefined, signal),
  });
}
