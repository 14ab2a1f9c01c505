/** One reminder as `GET /api/v1/notifications` answers it (title and body come from the server in Chinese). */
export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  /** An in-app path such as `/reports?month=2026-10`. */
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** `GET /api/v1/notifications`: the newest items and how many are unread in all. */
export interface NotificationList {
  items: AppNotification[];
  unread: number;
}
