/** Texts of the header's reminder bell, zh-CN first; `en` has the same shape. */
export const zh = {
  title: '提醒',
  bell: '提醒',
  bellUnread: '提醒，{{count}} 条未读',
  unread: '{{count}} 条未读',
  allRead: '全部已读',
  empty: '暂无提醒',
  loadFailed: '提醒加载失败',
  retry: '重试',
  today: '今天 {{time}}',
  yesterday: '昨天 {{time}}',
  unreadMark: '未读',
};

export const en: typeof zh = {
  title: 'Reminders',
  bell: 'Reminders',
  bellUnread: 'Reminders, {{count}} unread',
  unread: '{{count}} unread',
  allRead: 'All read',
  empty: 'No reminders',
  loadFailed: 'Reminders could not be loaded',
  retry: 'Retry',
  today: 'Today {{time}}',
  yesterday: 'Yesterday {{time}}',
  unreadMark: 'Unread',
};
