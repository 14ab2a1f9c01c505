import {
  CheckOutlined,
  DownloadOutlined,
  EyeOutlined,
  RollbackOutlined,
  SettingOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Segmented,
  Space,
  Statistic,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { dec } from '../../../../shared/money.ts';
import { currentMonthCst, MONTH_PATTERN } from '../../../../shared/month.ts';
import { useApiError } from '../../../ui/apiErrors.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { exportXlsx } from '../../../ui/exportXlsx.ts';
import { Money } from '../../../ui/Money.tsx';
import { MonthPicker } from '../../../ui/MonthPicker.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { DueDayModal } from '../components/DueDayModal.tsx';
import { ReasonModal } from '../components/ReasonModal.tsx';
import { LateTag, ReportStatusTag } from '../components/ReportStatusTag.tsx';
import { useDueDay, useReportAction, useReportQueue } from '../hooks/useReports.ts';
import { REPORT_STATUSES, type QueueItem, type ReportStatus } from '../types.ts';
import { defaultReportMonth } from './ReportEntryPage.tsx';

type StatusFilter = ReportStatus | 'all';

/** 月报审核: the office's queue of a month — every region expected to report, its status and lateness. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { showError } = useApiError();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const wanted = search.get('month') ?? '';
  const month = MONTH_PATTERN.test(wanted) && wanted <= currentMonthCst() ? wanted : defaultReportMonth();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [lateOnly, setLateOnly] = useState(false);
  const [asking, setAsking] = useState<{ item: QueueItem; action: 'return' | 'reopen' } | null>(null);
  const [dueOpen, setDueOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const queue = useReportQueue(month);
  const dueDay = useDueDay();
  const act = useReportAction();

  const all = queue.data?.items ?? [];
  const rows = all.filter((i) => (status === 'all' || i.status === status) && (!lateOnly || i.late));
  const submitted = all.filter((i) => i.status === 'submitted');
  const summary = queue.data?.summary;

  const open = (i: QueueItem) => navigate(`/reports/${i.region}/${month}`);

  const run = async (i: QueueItem, action: 'approve' | 'return' | 'reopen', reason?: string) => {
    try {
      await act.mutateAsync({ region: i.region, month, action, reason });
      void message.success(`${i.name}：${t(`reports.done.${action}`)}`);
      setAsking(null);
    } catch (e) {
      showError(e);
    }
  };

  const handleApprove = (i: QueueItem) =>
    modal.confirm({
      title: t('reports.actions.approve'),
      content: t('reports.approveConfirm', { name: i.name, month }),
      okText: t('reports.actions.approve'),
      cancelText: t('common.cancel'),
      onOk: () => run(i, 'approve'),
    });

  const handleApproveAll = () =>
    modal.confirm({
      title: t('reports.queue.approveAll', { count: submitted.length }),
      content: t('reports.queue.approveAllConfirm', { count: submitted.length }),
      okText: t('reports.actions.approve'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        let done = 0;
        for (const i of submitted) {
          try {
            await act.mutateAsync({ region: i.region, month, action: 'approve' });
            done++;
          } catch (e) {
            showError(e);
            break;
          }
        }
        void message.success(t('reports.queue.approvedAll', { count: done }));
      },
    });

  const handleExport = async () => {
    setExporting(true);
    try {
      const money = (v: string) => dec(v).toNumber();
      await exportXlsx(t('reports.queue.exportName', { month }), [
        {
          name: t('reports.queue.exportSheet'),
          title: `${t('reports.queueTitle')} ${month}`,
          columns: [
            { header: t('reports.region'), width: 18 },
            { header: t('reports.grid.code'), width: 10 },
            { header: t('reports.queue.filterStatus'), width: 12 },
            { header: t('reports.late'), width: 8 },
            { header: t('reports.domesticTotal'), width: 18, numFmt: '#,##0.00' },
            { header: t('reports.foreignTotal'), width: 18, numFmt: '#,##0.00' },
            { header: t('reports.entries'), width: 10 },
            { header: t('reports.dueDate'), width: 12 },
            { header: t('reports.submittedAt'), width: 18 },
            { header: t('reports.approvedAt'), width: 18 },
          ],
          rows: rows.map((i) => [
            i.name,
            i.region,
            t(`reports.status.${i.status}`),
            i.late ? t('common.yes') : t('common.no'),
            money(i.domestic_total),
            money(i.foreign_total),
            i.entries,
            i.due_date,
            i.submitted_at ? dayjs(i.submitted_at).format('YYYY-MM-DD HH:mm') : null,
            i.approved_at ? dayjs(i.approved_at).format('YYYY-MM-DD HH:mm') : null,
          ]),
        },
      ]);
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<QueueItem> = [
    {
      title: t('reports.region'),
      key: 'region',
      render: (_: unknown, i) => (
        <span>
          <Typography.Link onClick={() => open(i)}>{i.name}</Typography.Link>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.region}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('reports.queue.filterStatus'),
      dataIndex: 'status',
      key: 'status',
      width: 130,
      render: (s: ReportStatus, i) => (
        <Space size={2}>
          <ReportStatusTag status={s} />
          <LateTag late={i.late} />
        </Space>
      ),
    },
    {
      title: t('reports.domesticTotal'),
      dataIndex: 'domestic_total',
      key: 'domestic',
      align: 'right',
      width: 130,
      render: (v: string) => <Money value={v} />,
    },
    {
      title: t('reports.foreignTotal'),
      dataIndex: 'foreign_total',
      key: 'foreign',
      align: 'right',
      width: 130,
      render: (v: string) => <Money value={v} />,
    },
    { title: t('reports.entries'), dataIndex: 'entries', key: 'entries', align: 'right', width: 80 },
    {
      title: t('reports.submittedAt'),
      dataIndex: 'submitted_at',
      key: 'submitted_at',
      width: 110,
      render: (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '—'),
    },
    {
      title: t('reports.approvedAt'),
      dataIndex: 'approved_at',
      key: 'approved_at',
      width: 110,
      render: (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_: unknown, i) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => open(i)}>
            {t('reports.queue.open')}
          </Button>
          {i.status === 'submitted' ? (
            <>
              <Button type="link" size="small" icon={<CheckOutlined />} onClick={() => handleApprove(i)}>
                {t('reports.actions.approve')}
              </Button>
              <Button
                type="link"
                size="small"
                danger
                icon={<RollbackOutlined />}
                onClick={() => setAsking({ item: i, action: 'return' })}
              >
                {t('reports.actions.return')}
              </Button>
            </>
          ) : null}
          {i.status === 'approved' ? (
            <Button
              type="link"
              size="small"
              icon={<UnlockOutlined />}
              onClick={() => setAsking({ item: i, action: 'reopen' })}
            >
              {t('reports.actions.reopen')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const counter = (key: StatusFilter, value: number | undefined, color?: string) => (
    <Card
      size="small"
      hoverable
      onClick={() => setStatus(key)}
      style={{ flex: 1, borderColor: status === key ? '#1677ff' : undefined }}
    >
      <Statistic
        title={key === 'all' ? t('common.all') : t(`reports.status.${key}`)}
        value={value ?? 0}
        styles={{ content: { fontSize: 22, color } }}
      />
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('reports.queueTitle')}
        subtitle={t('reports.queueSubtitle')}
        extra={
          <>
            <MonthPicker
              value={month}
              onChange={(m) => setSearch({ month: m })}
              max={currentMonthCst()}
              aria-label={t('reports.month')}
            />
            <Button icon={<SettingOutlined />} onClick={() => setDueOpen(true)}>
              {t('reports.queue.dueDay')}
              {dueDay.data ? (
                <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
                  （{t('reports.queue.dueDayCurrent', { day: dueDay.data.due_day })}）
                </Typography.Text>
              ) : null}
            </Button>
          </>
        }
      />
      <Flex gap={12} style={{ marginBottom: 12 }} data-testid="queue-summary">
        {counter('all', all.length)}
        {counter('draft', summary?.draft)}
        {counter('submitted', summary?.submitted, '#1677ff')}
        {counter('approved', summary?.approved, '#389e0d')}
        {counter('returned', summary?.returned, '#cf1322')}
        <Card
          size="small"
          hoverable
          onClick={() => setLateOnly((v) => !v)}
          style={{ flex: 1, borderColor: lateOnly ? '#cf1322' : undefined }}
        >
          <Statistic
            title={t('reports.late')}
            value={summary?.late ?? 0}
            styles={{ content: { fontSize: 22, color: summary?.late ? '#cf1322' : undefined } }}
          />
        </Card>
      </Flex>
      <DataTable<QueueItem>
        rowKey="region"
        rows={rows}
        loading={queue.isFetching}
        columns={columns}
        data-testid="queue-table"
        tableLayout="fixed"
        scroll={{}}
        countLabel={`${t('reports.queue.counts', { total: all.length })} · ${t('reports.dueDate')} ${queue.data?.due_date ?? ''}`}
        locale={{ emptyText: t('reports.queue.empty') }}
        onRow={(i) => ({ style: i.late && i.status !== 'approved' ? { background: '#fff1f0' } : undefined })}
        toolbar={
          <>
            <Segmented<StatusFilter>
              value={status}
              onChange={setStatus}
              options={[
                { value: 'all', label: t('common.all') },
                ...REPORT_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) })),
              ]}
            />
            <Checkbox
              checked={lateOnly}
              onChange={(e) => setLateOnly(e.target.checked)}
              style={{ alignSelf: 'center' }}
            >
              {t('reports.queue.lateOnly')}
            </Checkbox>
            {submitted.length ? (
              <Button icon={<CheckOutlined />} onClick={handleApproveAll}>
                {t('reports.queue.approveAll', { count: submitted.length })}
              </Button>
            ) : null}
          </>
        }
        exportSlot={
          <Button
            icon={<DownloadOutlined />}
            onClick={handleExport}
            loading={exporting}
            disabled={!rows.length}
          >
            {t('reports.queue.export')}
          </Button>
        }
      />
      {asking ? (
        <ReasonModal
          open
          action={asking.action}
          subject={`${asking.item.name} ${month}`}
          confirming={act.isPending}
          onConfirm={(reason) => run(asking.item, asking.action, reason)}
          onCancel={() => setAsking(null)}
        />
      ) : null}
      {dueOpen ? (
        <DueDayModal open current={dueDay.data?.due_day ?? 5} onClose={() => setDueOpen(false)} />
      ) : null}
    </>
  );
}
