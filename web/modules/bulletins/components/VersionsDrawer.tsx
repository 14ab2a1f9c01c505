import { Button, Collapse, Drawer, Empty, Flex, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BulletinVersion } from '../types.ts';
import { ChangesTable } from './ChangesTable.tsx';

export interface VersionsDrawerProps {
  open: boolean;
  month: string;
  versions: BulletinVersion[];
  /** The version on screen; undefined for the live figures. */
  current?: number;
  onView: (version: number) => void;
  onClose: () => void;
}

/** Every published version of a month's bulletin, newest first, with what changed from the one before. */
export function VersionsDrawer({ open, month, versions, current, onView, onClose }: VersionsDrawerProps) {
  const { t } = useTranslation();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return (
    <Drawer open={open} onClose={onClose} size={560} title={t('bulletins.versionsTitle', { month })}>
      {sorted.length === 0 ? (
        <Empty description={t('bulletins.noVersions')} />
      ) : (
        <Flex vertical gap={12}>
          {sorted.map((v) => (
            <div
              key={v.version}
              data-testid={`version-${v.version}`}
              style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
            >
              <Flex justify="space-between" align="center">
                <Space>
                  <Typography.Text strong>
                    {t('bulletins.versionLabel', { version: v.version })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {dayjs(v.published_at).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                  {current === v.version ? <Tag color="blue">{t('bulletins.viewing')}</Tag> : null}
                </Space>
                <Button size="small" onClick={() => onView(v.version)} disabled={current === v.version}>
                  {t('bulletins.view')}
                </Button>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: v.content_hash }}>
                SHA-256 {v.content_hash.slice(0, 16)}…
              </Typography.Text>
              {v.note ? (
                <Typography.Paragraph style={{ margin: '6px 0 0' }}>
                  {t('bulletins.note')}：{v.note}
                </Typography.Paragraph>
              ) : null}
              {v.version >= 2 ? (
                <Collapse
                  size="small"
                  style={{ marginTop: 8 }}
                  items={[
                    {
                      key: 'changes',
                      label: t('bulletins.changesCount', { count: v.changes.length }),
                      children: <ChangesTable changes={v.changes} />,
                    },
                  ]}
                />
              ) : (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
                  {t('bulletins.noChanges')}
                </Typography.Text>
              )}
            </div>
          ))}
        </Flex>
      )}
    </Drawer>
  );
}
