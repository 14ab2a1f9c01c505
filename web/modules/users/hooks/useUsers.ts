import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../../shared/enums.ts';
import { api } from '../../../api/client.ts';
import type { Items, Page, Unit, User, UserCreateInput, UserUpdateInput } from '../../../api/types.ts';

export interface UserFilters {
  role?: Role;
  unit_id?: string;
  q?: string;
  page: number;
  page_size: number;
}

export const USERS_KEY = ['users'] as const;

/** Roles whose users must belong to a unit (the server checks it too, and which unit kinds fit). */
export const ROLES_WITH_UNIT: readonly Role[] = ['office', 'department', 'district', 'liaison'];

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...USERS_KEY, filters],
    queryFn: ({ signal }) =>
      api.get<Page<User>>(
        '/api/v1/users',
        {
          role: filters.role,
          unit_id: filters.unit_id,
          q: filters.q,
          page: filters.page,
          page_size: filters.page_size,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every unit, for the unit pickers of the user forms. */
export function useUnitOptions() {
  return useQuery({
    queryKey: ['units', {}],
    queryFn: ({ signal }) => api.get<Items<Unit>>('/api/v1/units', undefined, signal),
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: USERS_KEY });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: UserCreateInput) => api.post<User>('/api/v1/users', input),
    onSettled: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (v: { id: string; input: UserUpdateInput }) =>
      api.patch<User>(`/api/v1/users/${v.id}`, v.input),
    onSettled: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (v: { id: string; password: string }) =>
      api.post<User>(`/api/v1/users/${v.id}/password`, { password: v.password }),
    onSettled: invalidate,
  });
}

export function useUnlockUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.post<User>(`/api/v1/users/${id}/unlock`),
    onSettled: invalidate,
  });
}
