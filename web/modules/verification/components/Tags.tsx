import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InspectionResult, OpenClosed, RectificationStatus, VerificationResult } from '../types.ts';

const RESULT_COLORS: Record<VerificationResult, string> = {
  pending: 'default',
  confirmed: 'success',
  issue: 'warning',
  false: 'error',
};
const INSPECTION_COLORS: Record<InspectionResult, string> = {
  pending: 'default',
  ok: 'success',
  issue: 'warning',
};
const RECT_COLORS: Record<RectificationStatus, string> = {
  open: 'default',
  in_progress: 'processing',
  submitted: 'gold',
  done: 'success',
};

export function ResultTag({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  return <Tag color={RESULT_COLORS[result]}>{t(`verification.results.${result}`)}</Tag>;
}

export function InspectionResultTag({ result }: { result: InspectionResult }) {
  const { t } = useTranslation();
  return <Tag color={INSPECTION_COLORS[result]}>{t(`verification.inspectionResults.${result}`)}</Tag>;
}

export function RectStatusTag({ status }: { status: RectificationStatus }) {
  const { t } = useTranslation();
  return <Tag color={RECT_COLORS[status]}>{t(`verification.rect.statuses.${status}`)}</Tag>;
}

export function OpenClosedTag({ status }: { status: OpenClosed }) {
  const { t } = useTranslation();
  return <Tag color={status === 'open' ? 'processing' : 'default'}>{t(`verification.status.${status}`)}</Tag>;
}
