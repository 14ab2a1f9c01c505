import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  DiffOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  LockOutlined,
  ReloadOutlined,
  TrophyOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { FlagTags, RunStatusTag } from '../components/Tags.tsx';
import { downloadFile } from '../download.ts';
import {
  useAdvanceRun,
  useCreateRun,
  useGrantAwards,
  useOpenInterviews,
  useRun,
  useRunDiff,
  useRuns,
} from '../hooks/useAssessments.ts';
import type { Run, RunDiff, RunResult } from '../types.ts';
import { cstDateTime, pct, periodLabel } from '../utils.ts';

type Format = 'xlsx' | 'pdf' | 'docx';

function DiffCard({ diff, onClose }: { diff: RunDiff; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const changed = diff.regions.filter(
    (r) =>
      r.score_from !== r.score_to ||
      r.rank_from !== r.rank_to ||
      (r.flags_from ?? []).join() !== r.flags_to.join() ||
      r.indicators.some((i) => i.points_from !== i.points_to || i.value_from !== i.value_to),
  );
  return (
    <Card
      size="small"
      data-testid="run-diff"
      title={
        <Space>
          <DiffOutlined />
          {t('assessments.diffTitle', {
            period: periodLabel(diff.against.period, i18n.language),
            version: diff.against.scheme_version,
            status: t(`assessments.runStatus.${diff.against.status}`),
          })}
          <Tag color={diff.changes.length ? 'orange' : 'green'}>
            {diff.changes.length
              ? t('assessments.diffChanged', { count: diff.changes.length })
              : t('assessments.diffNone')}
          </Tag>
        </Space>
      }
      extra={
        <Button size="small" onClick={onClose}>
          {t('assessments.closeDiff')}
        </Button>
      }
    >
      {changed.length ? (
        <Table
          size="small"
          rowKey="region"
          pagination={false}
          dataSource={changed}
          columns={[
            { title: t('assessments.region'), dataIndex: 'name', width: 110 },
            {
              title: t('assessments.score'),
              key: 'score',
              width: 150,
              render: (_: unknown, r) => (
                <span>
                  {r.score_from ?? '—'} → <b>{r.score_to}</b>
                </span>
              ),
            },
            {
              title: t('assessments.rank'),
              key: 'rank',
              width: 90,
              render: (_: unknown, r) => `${r.rank_from ?? '—'} → ${r.rank_to}`,
            },
            {
              title: t('assessments.result'),
              key: 'flags',
              width: 200,
              render: (_: unknown, r) => (
                <Space size={4}>
                  <FlagTags flags={r.flags_from ?? []} reasons={[]} />→
                  <FlagTags flags={r.flags_to} reasons={[]} />
                </Space>
              ),
            },
            {
              title: t('assessments.breakdown.points'),
              key: 'inds',
              render: (_: unknown, r) =>
                r.indicators
                  .filter((i) => i.points_from !== i.points_to || i.value_from !== i.value_to)
                  .map((i) => `${i.name} ${i.points_from ?? '—'}→${i.points_to}`)
                  .join('；'),
            },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessments.diffNone')} />
      )}
    </Card>
  );
}

function useResultColumns(run: Run | undefined): TableColumnsType<RunResult> {
  const { t } = useTranslation();
  if (!run) return [];
  return [
    {
      title: t('assessments.rank'),
      dataIndex: 'rank',
      key: 'rank',
      width: 56,
      fixed: 'left',
      align: 'center',
    },
    {
      title: t('assessments.region'),
      key: 'region',
      width: 84,
      fixed: 'left',
      render: (_: unknown, r) => (
        <Link to={`/assessments/runs/${run.id}/regions/${r.region}`} data-testid={`region-${r.region}`}>
          {r.name}
        </Link>
      ),
    },
    {
      title: t('assessments.score'),
      dataIndex: 'score',
      key: 'score',
      width: 76,
      align: 'right',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('assessments.scaleScore'), dataIndex: 'scale_score', key: 'scale', width: 70, align: 'right' },
    {
      title: t('assessments.qualityScore'),
      dataIndex: 'quality_score',
      key: 'quality',
      width: 76,
      align: 'right',
    },
    ...run.indicators.map((ind) => ({
      title: (
        <span style={{ fontSize: 12 }}>
          {ind.name}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {ind.weight}
          </Typography.Text>
        </span>
      ),
      key: `ind-${ind.key}`,
      width: 86,
      align: 'right' as const,
      render: (_: unknown, r: RunResult) => r.breakdown.find((b) => b.indicator === ind.key)?.points ?? '—',
    })),
    {
      title: t('assessments.domesticCompletion'),
      key: 'dc',
      width: 86,
      align: 'right',
      render: (_: unknown, r) => (
        <span style={{ color: r.figures.domestic.missed ? '#cf1322' : undefined }}>
          {pct(r.figures.domestic.completion)}
        </span>
      ),
    },
    {
      title: t('assessments.foreignCompletion'),
      key: 'fc',
      width: 86,
      align: 'right',
      render: (_: unknown, r) => (
        <span style={{ color: r.figures.foreign.missed ? '#cf1322' : undefined }}>
          {pct(r.figures.foreign.completion)}
        </span>
      ),
    },
    {
      title: t('assessments.result'),
      key: 'flags',
      width: 110,
      fixed: 'right',
      render: (_: unknown, r) => <FlagTags flags={r.flags} reasons={r.interview_reasons} />,
    },
  ];
}

/** One assessment result: ranking with every indicator, review/finalise, downloads, comparison, follow-ups. */
export function RunPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const [params, setParams] = useSearchParams();
  const against = params.get('against') ?? undefined;
  const run = useRun(id);
  const siblings = useRuns({ year: run.data?.year });
  const diff = useRunDiff(id, against);
  const advance = useAdvanceRun();
  const recompute = useCreateRun();
  const interviews = useOpenInterviews();
  const awards = useGrantAwards();
  const [downloading, setDownloading] = useState<Format | null>(null);
  const isOffice = me.role === 'admin' || me.role === 'office';
  const canDownload = isOffice || me.role === 'leader';
  const columns = useResultColumns(run.data);

  if (run.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (run.isError || !run.data) return <Result status="404" title={t('ui.notFoundTitle')} />;
  const r = run.data;
  const label = periodLabel(r.period, i18n.language);
  const others = (siblings.data?.items ?? []).filter((x) => x.period === r.period && x.id !== r.id);

  const handleStep = async (step: 'review' | 'finalize') => {
    try {
      await advance.mutateAsync({ id: r.id, step });
      void message.success(step === 'review' ? t('assessments.reviewed') : t('assessments.finalized'));
    } catch (e) {
      showError(e);
    }
  };
  const handleRecompute = async () => {
    try {
      const next = await recompute.mutateAsync({ scheme_id: r.scheme_id, period: r.period });
      navigate(`/assessments/runs/${next.id}?against=${r.id}`);
    } catch (e) {
      showError(e);
    }
  };
  const handleDownload = async (format: Format) => {
    setDownloading(format);
    try {
      await downloadFile(`/api/v1/assessments/runs/${r.id}/export.${format}`, `assessment.${format}`);
    } catch (e) {
      showError(e);
    } finally {
      setDownloading(null);
    }
  };
  const handleInterviews = async () => {
    try {
      const res = await interviews.mutateAsync(r.id);
      void message.success(t('assessments.openInterviewsDone', { count: res.created.length }));
      navigate('/assessments?tab=interviews');
    } catch (e) {
      showError(e);
    }
  };
  const handleAwards = async () => {
    try {
      const res = await awards.mutateAsync(r.id);
      void message.success(t('assessments.grantAwardsDone', { count: res.created }));
    } catch (e) {
      showError(e);
    }
  };
  const handleCompare = (value: string | undefined) =>
    setParams(value ? { against: value } : {}, { replace: true });

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to="/assessments" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span>
              {label} · {t('assessments.tabs.runs')}
            </span>
            <RunStatusTag status={r.status} />
          </Space>
        }
        subtitle={t('assessments.schemeVersion', { name: r.scheme_name, version: r.scheme_version })}
        extra={
          <>
            {isOffice && r.status === 'draft' ? (
              <Popconfirm title={t('assessments.reviewConfirm')} onConfirm={() => handleStep('review')}>
                <Button icon={<AuditOutlined />} loading={advance.isPending} data-testid="run-review">
                  {t('assessments.review')}
                </Button>
              </Popconfirm>
            ) : null}
            {isOffice && r.status === 'reviewed' ? (
              <Popconfirm
                title={t('assessments.finalizeConfirm')}
                onConfirm={() => handleStep('finalize')}
                overlayStyle={{ maxWidth: 360 }}
              >
                <Button
                  type="primary"
                  icon={<LockOutlined />}
                  loading={advance.isPending}
                  data-testid="run-finalize"
                >
                  {t('assessments.finalize')}
                </Button>
              </Popconfirm>
            ) : null}
            {isOffice ? (
              <Popconfirm
                title={t('assessments.recomputeHint')}
                onConfirm={handleRecompute}
                overlayStyle={{ maxWidth: 340 }}
              >
                <Button icon={<ReloadOutlined />} loading={recompute.isPending}>
                  {t('assessments.recompute')}
                </Button>
              </Popconfirm>
            ) : null}
            {canDownload ? (
              <Space.Compact>
                <Button
                  icon={<FileExcelOutlined />}
                  loading={downloading === 'xlsx'}
                  onClick={() => handleDownload('xlsx')}
                  data-testid="download-xlsx"
                >
                  {t('assessments.downloadXlsx')}
                </Button>
                <Button
                  icon={<FilePdfOutlined />}
                  loading={downloading === 'pdf'}
                  onClick={() => handleDownload('pdf')}
                  data-testid="download-pdf"
                >
                  {t('assessments.downloadPdf')}
                </Button>
                <Button
                  icon={<FileWordOutlined />}
                  loading={downloading === 'docx'}
                  onClick={() => handleDownload('docx')}
                  data-testid="download-docx"
                >
                  {t('assessments.downloadDocx')}
                </Button>
              </Space.Compact>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={12}>
        <Card size="small">
          <Descriptions
            size="small"
            column={4}
            items={[
              { key: 'factor', label: t('assessments.factor'), children: pct(r.factor, 0) },
              {
                key: 'created',
                label: t('assessments.createdAt'),
                children: `${cstDateTime(r.created_at)} ${r.created_by ?? ''}`,
              },
              {
                key: 'reviewed',
                label: t('assessments.runStatus.reviewed'),
                children: r.reviewed_at ? `${cstDateTime(r.reviewed_at)} ${r.reviewed_by ?? ''}` : '—',
              },
              {
                key: 'final',
                label: t('assessments.runStatus.final'),
                children: r.finalized_at ? `${cstDateTime(r.finalized_at)} ${r.finalized_by ?? ''}` : '—',
              },
              {
                key: 'hash',
                label: t('assessments.contentHash'),
                span: 2,
                children: (
                  <Typography.Text code style={{ fontSize: 11 }}>
                    {r.content_hash.slice(0, 24)}
                  </Typography.Text>
                ),
              },
              {
                key: 'summary',
                label: t('assessments.result'),
                span: 2,
                children: t('assessments.summary', {
                  award: r.summary.award,
                  interview: r.summary.interview,
                }),
              },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('assessments.frozenHint')}
          </Typography.Text>
          {r.warnings.length ? (
            <Collapse
              size="small"
              ghost
              style={{ marginTop: 4 }}
              items={[
                {
                  key: 'w',
                  label: (
                    <Typography.Text type="warning">
                      {t('assessments.warnings', { count: r.warnings.length })}
                    </Typography.Text>
                  ),
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18, fontSize: 12 }}>
                      {r.warnings.map((w, i) => (
                        <li key={i}>
                          {w.message}
                          {w.months ? `（${w.months.join('、')}）` : ''}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          ) : null}
        </Card>

        {isOffice && r.status === 'final' ? (
          <Flex gap={8}>
            <Button
              icon={<UserSwitchOutlined />}
              onClick={handleInterviews}
              loading={interviews.isPending}
              data-testid="open-interviews"
            >
              {t('assessments.openInterviews')}
            </Button>
            <Button icon={<TrophyOutlined />} onClick={handleAwards} loading={awards.isPending}>
              {t('assessments.grantAwards')}
            </Button>
          </Flex>
        ) : isOffice ? (
          <Alert type="info" showIcon icon={<CheckCircleOutlined />} title={t('assessments.finalOnlyHint')} />
        ) : null}

        {me.role !== 'district' ? (
          <Flex align="center" gap={8}>
            <DiffOutlined />
            <Typography.Text>{t('assessments.compareWith')}</Typography.Text>
            <Select
              allowClear
              style={{ width: 360 }}
              value={against}
              onChange={handleCompare}
              placeholder={
                r.previous_run_id ? t('assessments.comparePrevious') : t('assessments.compareWith')
              }
              aria-label={t('assessments.compareWith')}
              options={others.map((o) => ({
                value: o.id,
                label: `${cstDateTime(o.created_at)} · ${t('assessments.schemeVersion', { name: o.scheme_name, version: o.scheme_version })} · ${t(`assessments.runStatus.${o.status}`)}`,
              }))}
            />
            {r.previous_run_id && !against ? (
              <Button size="small" onClick={() => handleCompare(r.previous_run_id ?? undefined)}>
                {t('assessments.comparePrevious')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
        {diff.data ? <DiffCard diff={diff.data} onClose={() => handleCompare(undefined)} /> : null}

        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<RunResult>
            size="small"
            rowKey="region"
            dataSource={r.results}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content', y: 520 }}
            data-testid="results-table"
          />
        </Card>
      </Flex>
    </>
  );
}
