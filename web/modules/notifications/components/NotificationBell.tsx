import { BellOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Flex, Popover, Spin, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMarkNotificationRead, useNotifications } from '../hooks/useNotifications.ts';
import type { AppNotification } from '../types.ts';

const PANEL_WIDTH = 360;

/** Read by screen readers, not shown. */
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/** “今天 09:30”, “昨天 18:02”, “11-03 08:00”, or the date of another year. */
function useWhen() {
  const { t } = useTranslation();
  return (iso: string) => {
    const at = dayjs(iso);
    const now = dayjs();
    if (at.isSame(now, 'day')) return t('notifications.today', { time: at.format('HH:mm') });
    if (at.isSame(now.subtract(1, 'day'), 'day'))
      return t('notifications.yesterday', { time: at.format('HH:mm') });
    return at.format(at.isSame(now, 'year') ? 'MM-DD HH:mm' : 'YYYY-MM-DD');
  };
}

interface ItemProps {
  item: AppNotification;
  onOpen: (item: AppNotification) => void;
}

function NotificationItem({ item, onOpen }: ItemProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const when = useWhen();
  const unread = !item.read_at;
  return (
    <li style={{ borderBottom: `1px solid ${token.colorSplit}` }}>
      <button
        type="button"
        onClick={() => onOpen(item)}
        data-testid="notification-item"
        data-unread={unread ? 'true' : undefined}
        style={{
          display: 'flex',
          gap: 10,
          width: '100%',
          padding: '10px 14px',
          border: 0,
          background: unread ? token.colorPrimaryBg : 'transparent',
          textAlign: 'left',
          cursor: item.link || unread ? 'pointer' : 'default',
          font: 'inherit',
          color: 'inherit',
        }}
      >
        <span
          aria-hidden
          style={{
            flex: 'none',
            width: 8,
            height: 8,
            marginTop: 7,
            borderRadius: '50%',
            background: unread ? token.colorError : 'transparent',
          }}
        />
        <span style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong={unread} style={{ display: 'block' }}>
            {unread ? <span style={VISUALLY_HIDDEN}>{t('notifications.unreadMark')} · </span> : null}
            {item.title}
          </Typography.Text>
          {item.body ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {item.body}
            </Typography.Text>
          ) : null}
          <Typography.Text
            type="secondary"
            style={{ display: 'block', fontSize: 12, marginTop: 2 }}
            title={dayjs(item.created_at).format('YYYY-MM-DD HH:mm:ss')}
          >
            {when(item.created_at)}
          </Typography.Text>
        </span>
      </button>
    </li>
  );
}

/**
 * The header's bell: the unread count as a badge, the newest reminders (deadlines) in a panel; opening one
 * marks it read and goes to its page. Polls every minute.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const markRead = useMarkNotificationRead();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const handleOpenItem = (item: AppNotification) => {
    if (!item.read_at) markRead.mutate(item.id);
    if (item.link?.startsWith('/')) {
      setOpen(false);
      navigate(item.link);
    }
  };

  let body;
  if (list.isPending) {
    body = (
      <Flex justify="center" style={{ padding: 32 }}>
        <Spin />
      </Flex>
    );
  } else if (list.isError && !list.data) {
    body = (
      <Alert
        type="error"
        showIcon
        title={t('notifications.loadFailed')}
        style={{ margin: 12 }}
        action={
          <Button size="small" onClick={() => void list.refetch()}>
            {t('notifications.retry')}
          </Button>
        }
      />
    );
  } else if (!items.length) {
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('notifications.empty')}
        style={{ padding: 16 }}
      />
    );
  } else {
    body = (
      <ul
        aria-label={t('notifications.title')}
        style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 420, overflowY: 'auto' }}
      >
        {items.map((n) => (
          <NotificationItem key={n.id} item={n} onOpen={handleOpenItem} />
        ))}
      </ul>
    );
  }

  const panel = (
    <div style={{ width: PANEL_WIDTH }} data-testid="notification-panel">
      <Flex
        justify="space-between"
        align="center"
        style={{ padding: '10px 14px', borderBottom: `1px solid ${token.colorSplit}` }}
      >
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {unread ? t('notifications.unread', { count: unread }) : t('notifications.allRead')}
        </Typography.Text>
      </Flex>
      {body}
    </div>
  );

  return (
    <Popover
      content={panel}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={false}
      styles={{ container: { padding: 0 } }}
    >
      <Button
        type="text"
        data-testid="notification-bell"
        aria-label={unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
        aria-expanded={open}
        style={{ height: 44, width: 44 }}
        icon={
          <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
