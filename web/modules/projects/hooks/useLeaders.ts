import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Page, User } from '../../../api/types.ts';
import { useMe } from '../../../app/auth.tsx';
import type { LeaderOption } from '../types.ts';

/**
 * The leaders who may guarantee a project (包保领导). Only `GET /api/v1/users` lists users and it is for
 * admins, so other roles get `available: false` and see the current guarantor only (see the report of
 * issue 3's web: a staff-readable list of leaders is missing from the API).
 */
export function useLeaders() {
  const me = useMe();
  const available = me.role === 'admin';
  const q = useQuery({
    queryKey: ['users', 'leaders'],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/v1/users', { role: 'leader', page_size: 500 }, signal),
    enabled: available,
    staleTime: 5 * 60_000,
  });
  const leaders: LeaderOption[] = (q.data?.items ?? [])
    .filter((u) => u.active)
    .map((u) => ({ id: u.id, display_name: u.display_name, unit_name: u.unit_name }));
  return { available, leaders, loading: available && q.isPending };
}
