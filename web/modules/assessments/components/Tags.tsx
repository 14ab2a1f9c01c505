import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InterviewReason, RunFlag, RunStatus } from '../../../../shared/schemas/assessments.ts';

const STATUS_COLOR: Record<RunStatus, string> = {
  draft: 'default',
  reviewed: 'processing',
  final: 'success',
};

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`assessments.runStatus.${status}`)}</Tag>;
}

/** 表彰 / 约谈 tags; the interview tag names its reasons. */
export function FlagTags({ flags, reasons }: { flags: RunFlag[]; reasons: InterviewReason[] }) {
  const { t } = useTranslation();
  if (!flags.length) return <span style={{ color: 'rgba(0,0,0,0.35)' }}>—</span>;
  return (
    <Space size={4} wrap>
      {flags.includes('award') ? (
        <Tag color="gold" data-testid="flag-award">
          {t('assessments.flags.award')}
        </Tag>
      ) : null}
      {flags.includes('interview') ? (
        <Tooltip title={reasons.map((r) => t(`assessments.reasons.${r}`)).join('；')}>
          <Tag color="red" data-testid="flag-interview">
            {t('assessments.flags.interview')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

export function ReasonTags({ reasons }: { reasons: InterviewReason[] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {reasons.map((r) => (
        <Tag key={r} color={r === 'bottom_three' ? 'volcano' : 'red'}>
          {t(`assessments.reasons.${r}`)}
        </Tag>
      ))}
    </Space>
  );
}
