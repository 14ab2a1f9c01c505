import { PaperClipOutlined } from '@ant-design/icons';
import { Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTransitions } from '../hooks/useProjects.ts';
import { STAGE_COLORS, StageTag } from './StageTag.tsx';

const DOT: Record<string, string> = { default: 'gray', cyan: 'blue', geekblue: 'blue', orange: 'orange' };

function formatSize(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The stage history of a project, oldest first: date, stage, who, note, override and evidence files. */
export function StageTimeline({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const q = useTransitions(projectId);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  const items = q.data?.items ?? [];
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="stage-timeline"
      items={items.map((tr) => ({
        key: tr.id,
        color: DOT[STAGE_COLORS[tr.to]] ?? STAGE_COLORS[tr.to],
        content: (
          <Flex vertical gap={2}>
            <Flex align="center" gap={8} wrap>
              <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                {tr.date}
              </Typography.Text>
              <StageTag stage={tr.to} />
              {tr.user_name ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('projects.detail.by', { name: tr.user_name })} ·{' '}
                  {dayjs(tr.created_at).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              ) : null}
            </Flex>
            {tr.note ? <Typography.Text>{tr.note}</Typography.Text> : null}
            {tr.override_reason ? (
              <Typography.Text type="warning">
                {t('projects.detail.override', { reason: tr.override_reason })}
              </Typography.Text>
            ) : null}
            {tr.evidence_files.length ? (
              <Flex vertical gap={0}>
                {tr.evidence_files.map((f) => (
                  <a key={f.id} href={`/api/v1/attachments/${f.id}`} data-testid="evidence-link">
                    <PaperClipOutlined /> {f.name}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatSize(f.size)}
                    </Typography.Text>
                  </a>
                ))}
              </Flex>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}
