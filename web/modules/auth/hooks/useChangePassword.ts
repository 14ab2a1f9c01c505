import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';

export interface ChangePasswordInput {
  current_password: string;
  new_password: string;
}

/** `POST /api/v1/auth/password`: ends every other session of the user. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<{ ok: true }>('/api/v1/auth/password', input),
  });
}
