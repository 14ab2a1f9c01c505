import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { NotificationList } from '../types.ts';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** How often the bell asks for new reminders (the server writes them hourly). */
export const NOTIFICATIONS_POLL_MS = 60_000;
const LIMIT = 20;

/**
 * `GET /api/v1/notifications`: the newest reminders, read or not, and the unread count, polled every
 * minute while the tab is visible.
 */
export function useNotifications() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, LIMIT],
    queryFn: ({ signal }) => api.get<NotificationList>('/api/v1/notifications', { limit: LIMIT }, signal),
    refetchInterval: NOTIFICATIONS_POLL_MS,
    staleTime: NOTIFICATIONS_POLL_MS / 2,
    // a failed poll is tried again at the next interval, not at once
    retry: false,
  });
}

/** `POST /api/v1/notifications/:id/read`; the bell shows it read at once. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/v1/notifications/${id}/read`),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: NOTIFICATIONS_KEY });
      const now = new Date().toISOString();
      queryClient.setQueriesData<NotificationList>({ queryKey: NOTIFICATIONS_KEY }, (list) => {
        if (!list) return list;
        const target = list.items.find((n) => n.id === id);
        if (!target || target.read_at) return list;
        return {
          items: list.items.map((n) => (n.id === id ? { ...n, read_at: now } : n)),
          unread: Math.max(0, list.unread - 1),
        };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
