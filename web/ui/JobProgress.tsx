import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';

/** A background job as `GET /api/v1/jobs/:id` answers it. */
export interface Job {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
  message: string | null;
  result: unknown;
  file: { name: string; url: string } | null;
  created_at: string;
  updated_at: string;
}

export interface JobProgressProps {
  jobId: string;
  /** Called once when the job is done or failed. */
  onFinish?: (job: Job) => void;
  /** Poll interval in ms. */
  interval?: number;
}

const finished = (j: Job | undefined) => j?.status === 'done' || j?.status === 'failed';

/** A progress bar that polls a background job until it is done or failed (SPEC §3.8). */
export function JobProgress({ jobId, onFinish, interval = 800 }: JobProgressProps) {
  const { t } = useTranslation();
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: ({ signal }) => api.get<Job>(`/api/v1/jobs/${jobId}`, undefined, signal),
    refetchInterval: (q) => (finished(q.state.data) ? false : interval),
    staleTime: 0,
    gcTime: 0,
  });
  const reported = useRef<string | null>(null);
  const onFinishRef = useRef(onFinish);
  onFinishRef.current = onFinish;

  useEffect(() => {
    const j = job.data;
    if (j && finished(j) && reported.current !== j.id) {
      reported.current = j.id;
      onFinishRef.current?.(j);
    }
  }, [job.data]);

  if (job.isError) return <Alert type="error" showIcon title={t('uikit.job.lost')} />;
  const j = job.data;
  const total = j?.total ?? 0;
  const percent =
    j?.status === 'done' ? 100 : total > 0 ? Math.min(99, Math.floor((j!.done / total) * 100)) : 0;
  const status = j?.status === 'failed' ? 'exception' : j?.status === 'done' ? 'success' : 'active';
  const label = j ? t(`uikit.job.${j.status}`) : t('uikit.job.queued');

  return (
    <div role="status" aria-live="polite" data-testid="job-progress">
      <Progress percent={percent} status={status} />
      <Typography.Text type="secondary">
        {label}
        {j && total > 0 ? ` · ${t('uikit.job.count', { done: j.done, total })}` : ''}
        {j?.message ? ` · ${j.message}` : ''}
      </Typography.Text>
    </div>
  );
}
