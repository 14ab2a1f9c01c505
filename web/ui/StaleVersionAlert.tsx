import { Alert, Button, Flex, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One field whose newest saved value differs from what the user typed. */
export interface StaleDiff {
  key: string;
  label: ReactNode;
  theirs: ReactNode;
  mine: ReactNode;
}

export interface StaleVersionAlertProps {
  /** When the newest version was saved (ISO). */
  updatedAt: string | null;
  diffs: StaleDiff[];
  /** Keep the form as typed and save on top of the newest version. */
  onKeepMine: () => void;
  /** Drop what was typed and load the newest version into the form. */
  onReload: () => void;
}

/**
 * A 409 “已被他人修改” panel: what the other save changed next to what the user typed, and the user's
 * choice — keep the entries (and save again on the newest version) or load the newest version. Nothing typed
 * is dropped without that choice.
 */
export function StaleVersionAlert({ updatedAt, diffs, onKeepMine, onReload }: StaleVersionAlertProps) {
  const { t } = useTranslation();
  const at = updatedAt ? dayjs(updatedAt).format('YYYY-MM-DD HH:mm:ss') : '—';
  const who = t('uikit.stale.someone');
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="stale-alert"
      style={{ marginBottom: 16 }}
      title={t('uikit.stale.title')}
      description={
        <Flex vertical gap={8}>
          <Typography.Text>
            {diffs.length ? t('uikit.stale.desc', { who, at }) : t('uikit.stale.descNoDiff', { who, at })}
          </Typography.Text>
          {diffs.length ? (
            <Table<StaleDiff>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={diffs}
              columns={[
                { title: t('uikit.stale.field'), dataIndex: 'label', key: 'label', width: 160 },
                { title: t('uikit.stale.theirs'), dataIndex: 'theirs', key: 'theirs' },
                { title: t('uikit.stale.mine'), dataIndex: 'mine', key: 'mine' },
              ]}
            />
          ) : null}
          <Flex gap={8} wrap>
            <Button type="primary" onClick={onKeepMine}>
              {t('uikit.stale.keepMine')}
            </Button>
            <Button onClick={onReload}>{t('uikit.stale.reload')}</Button>
          </Flex>
        </Flex>
      }
    />
  );
}
