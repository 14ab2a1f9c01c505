import { Card, Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReportAction, ReportEvent } from '../types.ts';

const COLORS: Record<ReportAction, string> = {
  submit: 'blue',
  approve: 'green',
  return: 'red',
  reopen: 'gray',
};

/** Who moved the report when, and why (返回/重开 reasons). */
export function ReportHistory({ events }: { events: ReportEvent[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('reports.history.title')} styles={{ body: { paddingBottom: 0 } }}>
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.history.empty')} />
      ) : (
        <Timeline
          items={[...events].reverse().map((e, i) => ({
            key: `${e.at}-${i}`,
            color: COLORS[e.action],
            content: (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
                <div>
                  {t('reports.history.entry', {
                    user: e.user_name ?? '—',
                    action: t(`reports.actions.${e.action}`),
                  })}
                </div>
                {e.reason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {t('reports.history.reason', { reason: e.reason })}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
