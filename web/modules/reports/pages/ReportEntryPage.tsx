import {
  ArrowLeftOutlined,
  CheckOutlined,
  RollbackOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Result,
  Row,
  Space,
  Statistic,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { addMonths, currentMonthCst, MONTH_PATTERN } from '../../../../shared/month.ts';
import { isApiError } from '../../../api/client.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { formatMoney } from '../../../ui/Money.tsx';
import { MonthPicker } from '../../../ui/MonthPicker.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { RegionSelect } from '../../../ui/RegionSelect.tsx';
import { useDebouncedValue } from '../../../ui/useDebouncedValue.ts';
import { CapitalImport } from '../components/CapitalImport.tsx';
import { EntryGridCard } from '../components/EntryGridCard.tsx';
import { ReasonModal } from '../components/ReasonModal.tsx';
import { ReportHistory } from '../components/ReportHistory.tsx';
import { ReportLists } from '../components/ReportLists.tsx';
import { LateTag, ReportStatusTag } from '../components/ReportStatusTag.tsx';
import { useGridDraft } from '../hooks/useGridDraft.ts';
import { useEntryGrid, useReport, useReportAction, useSaveGrid } from '../hooks/useReports.ts';
import type { GridFilled, GridSaveRow, ReportAction } from '../types.ts';

/** Last month in China time: the month a district usually reports. */
export function defaultReportMonth(): string {
  return addMonths(currentMonthCst(), -1);
}

const ROW_PATH = /^rows\.(\d+)(?:\.(\w+))?$/;

/**
 * 月报填报: the entry grid of one region and month, its report's status and history, the three lists and
 * the workflow buttons (district: submit; office: approve, return, reopen). `/reports` for a district's own
 * region, `/reports/:region/:month` for any region the user may see.
 */
export function ReportEntryPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const { showError } = useApiError();
  const navigate = useNavigate();
  const params = useParams<{ region?: string; month?: string }>();
  const [searchParams, setSearchParams] = useSearchParams();
  const isOffice = me.role === 'office' || me.role === 'admin';

  const region = params.region ?? me.region;
  const wanted = params.month ?? searchParams.get('month') ?? '';
  const month = MONTH_PATTERN.test(wanted) && wanted <= currentMonthCst() ? wanted : defaultReportMonth();

  // the grid comes a page at a time; a new region, month, search or filter starts again at page 1
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [filled, setFilled] = useState<GridFilled | undefined>(undefined);
  const viewKey = `${region}|${month}|${q}|${filled ?? ''}`;
  const [paging, setPaging] = useState({ key: viewKey, page: 1, pageSize: 100 });
  const page = paging.key === viewKey ? paging.page : 1;
  const grid = useEntryGrid(region, month, { page, pageSize: paging.pageSize, q, filled });
  const report = useReport(region, month);
  const save = useSaveGrid();
  const act = useReportAction();
  const draft = useGridDraft(grid.data);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [asking, setAsking] = useState<'return' | 'reopen' | null>(null);

  const { reset } = draft;
  useEffect(() => {
    reset();
    setRowErrors({});
    setSaveError(null);
  }, [region, month, reset]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      draft.dirty > 0 &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('reports.grid.unsavedLeave'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!draft.dirty) return undefined;
    const handleBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', handleBeforeUnload);
    return () => window.removeEventListener('beforeunload', handleBeforeUnload);
  }, [draft.dirty]);

  if (!region) return <Result status="info" title={t('reports.noRegion')} />;
  const failed = report.error ?? grid.error;
  if (failed)
    return (
      <Result
        status={isApiError(failed) && failed.status === 404 ? '404' : 'error'}
        title={failed.message}
        extra={
          <Button type="primary" onClick={() => navigate('/reports')}>
            {t('common.back')}
          </Button>
        }
      />
    );

  const r = report.data;
  const locked = grid.data?.locked ?? r?.locked ?? false;
  const canWrite = ['admin', 'office', 'district'].includes(me.role);
  const subject = `${r?.name ?? region} ${month}`;

  const handleMonthChange = (m: string) => {
    if (params.region) navigate(`/reports/${params.region}/${m}`);
    else setSearchParams({ month: m });
  };
  const handleRegionChange = (code: string | null) => {
    if (code) navigate(`/reports/${code}/${month}`);
  };

  // edits stay across pages (the draft keeps them by project), so paging needs no confirmation
  const handlePageChange = (next: number, size: number) =>
    setPaging({ key: viewKey, page: size === paging.pageSize ? next : 1, pageSize: size });

  const handleSave = async () => {
    const rows: GridSaveRow[] = draft.payload;
    setRowErrors({});
    setSaveError(null);
    try {
      const res = await save.mutateAsync({ region, month, rows });
      draft.reset();
      void message.success(
        res.changed ? t('reports.grid.saved', { count: res.changed }) : t('reports.grid.savedNothing'),
      );
    } catch (e) {
      if (!isApiError(e)) return showError(e);
      const errors: Record<string, string> = {};
      for (const p of e.fieldProblems) {
        const m = ROW_PATH.exec(p.path);
        const row = m ? rows[Number(m[1])] : undefined;
        if (!row) continue;
        const field =
          m?.[2] === 'domestic'
            ? `${t('reports.grid.domesticMonth')}：`
            : m?.[2] === 'foreign'
              ? `${t('reports.grid.foreignMonth')}：`
              : '';
        errors[row.project_id] = [errors[row.project_id], `${field}${p.message}`].filter(Boolean).join('；');
      }
      setRowErrors(errors);
      setSaveError(t('reports.grid.saveFailed', { message: e.message }));
      if (e.code === 'LOCKED') void Promise.all([grid.refetch(), report.refetch()]);
    }
  };

  const run = async (action: ReportAction, reason?: string) => {
    try {
      await act.mutateAsync({ region, month, action, reason });
      void message.success(t(`reports.done.${action}`));
      setAsking(null);
    } catch (e) {
      showError(e);
    }
  };

  const handleSubmit = () => {
    if (draft.dirty) {
      void message.warning(t('reports.saveBeforeSubmit'));
      return;
    }
    modal.confirm({
      title: t('reports.actions.submit'),
      content: t('reports.submitConfirm', { month }),
      okText: t('reports.actions.submit'),
      cancelText: t('common.cancel'),
      onOk: () => run('submit'),
    });
  };
  const handleApprove = () =>
    modal.confirm({
      title: t('reports.actions.approve'),
      content: t('reports.approveConfirm', { name: r?.name ?? region, month }),
      okText: t('reports.actions.approve'),
      cancelText: t('common.cancel'),
      onOk: () => run('approve'),
    });

  const status = r?.status ?? grid.data?.report_status ?? 'draft';
  const actions = (
    <Space wrap>
      {canWrite && (status === 'draft' || status === 'returned') ? (
        <Button type="primary" icon={<SendOutlined />} onClick={handleSubmit} loading={act.isPending}>
          {t('reports.actions.submit')}
        </Button>
      ) : null}
      {isOffice && status === 'submitted' ? (
        <>
          <Button type="primary" icon={<CheckOutlined />} onClick={handleApprove} loading={act.isPending}>
            {t('reports.actions.approve')}
          </Button>
          <Button danger icon={<RollbackOutlined />} onClick={() => setAsking('return')}>
            {t('reports.actions.return')}
          </Button>
        </>
      ) : null}
      {isOffice && status === 'approved' ? (
        <Button icon={<UnlockOutlined />} onClick={() => setAsking('reopen')}>
          {t('reports.actions.reopen')}
        </Button>
      ) : null}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={
          <span>
            {t('reports.entryTitle')}
            {r ? (
              <Typography.Text
                type="secondary"
                style={{ fontSize: 16, fontWeight: 400, marginInlineStart: 12 }}
              >
                {r.name} · {month}
              </Typography.Text>
            ) : null}
          </span>
        }
        subtitle={t('reports.entrySubtitle')}
        extra={
          <>
            {isOffice ? (
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/reports?month=${month}`)}>
                  {t('reports.backToQueue')}
                </Button>
                <RegionSelect
                  root={me.root_region}
                  value={region}
                  onChange={handleRegionChange}
                  allowClear={false}
                  aria-label={t('reports.region')}
                  style={{ width: 220 }}
                />
              </>
            ) : null}
            <MonthPicker
              value={month}
              onChange={handleMonthChange}
              max={currentMonthCst()}
              aria-label={t('reports.month')}
            />
          </>
        }
      />

      <Card size="small" style={{ marginBottom: 12 }} loading={report.isPending}>
        {r ? (
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Flex gap={28} align="center" wrap>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {t('reports.dueDate')} {r.due_date}
                </Typography.Text>
                <Space size={4} style={{ marginTop: 4 }}>
                  <ReportStatusTag status={r.status} />
                  <LateTag late={r.late} />
                </Space>
              </div>
              <Divider orientation="vertical" style={{ height: 40 }} />
              <Statistic
                title={t('reports.domesticTotal')}
                value={formatMoney(r.domestic_total)}
                styles={{ content: { fontSize: 18 } }}
              />
              <Statistic
                title={t('reports.foreignTotal')}
                value={formatMoney(r.foreign_total)}
                styles={{ content: { fontSize: 18 } }}
              />
              <Statistic
                title={t('reports.entries')}
                value={r.entries}
                styles={{ content: { fontSize: 18 } }}
              />
              {r.submitted_at ? (
                <Statistic
                  title={t('reports.submittedAt')}
                  value={dayjs(r.submitted_at).format('MM-DD HH:mm')}
                  styles={{ content: { fontSize: 18 } }}
                />
              ) : null}
            </Flex>
            {actions}
          </Flex>
        ) : null}
      </Card>

      {r?.status === 'submitted' ? (
        <Alert type="info" showIcon title={t('reports.lockedSubmitted')} style={{ marginBottom: 12 }} />
      ) : null}
      {r?.status === 'approved' ? (
        <Alert type="success" showIcon title={t('reports.lockedApproved')} style={{ marginBottom: 12 }} />
      ) : null}
      {r?.status === 'returned' && r.returned_reason ? (
        <Alert
          type="warning"
          showIcon
          title={t('reports.returnedBanner', { reason: r.returned_reason })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {r?.status === 'draft' && r.reopened_reason ? (
        <Alert
          type="info"
          showIcon
          title={t('reports.reopenedBanner', { reason: r.reopened_reason })}
          style={{ marginBottom: 12 }}
        />
      ) : null}

      <EntryGridCard
        draft={draft}
        loading={grid.isPending}
        readOnly={locked || !canWrite}
        saving={save.isPending}
        rowErrors={rowErrors}
        saveError={saveError}
        tools={<CapitalImport region={region} month={month} dirty={draft.dirty > 0} />}
        page={page}
        pageSize={paging.pageSize}
        total={grid.data?.total ?? 0}
        fetching={grid.isPlaceholderData}
        search={search}
        filled={filled}
        onPageChange={handlePageChange}
        onSearchChange={setSearch}
        onFilledChange={setFilled}
        onSave={handleSave}
        onDiscard={() => {
          draft.reset();
          setRowErrors({});
          setSaveError(null);
        }}
      />

      {r ? (
        <Row gutter={12} style={{ marginTop: 12 }}>
          <Col span={17}>
            <ReportLists report={r} />
          </Col>
          <Col span={7}>
            <ReportHistory events={r.history} />
          </Col>
        </Row>
      ) : null}

      {asking ? (
        <ReasonModal
          open
          action={asking}
          subject={subject}
          confirming={act.isPending}
          onConfirm={(reason) => run(asking, reason)}
          onCancel={() => setAsking(null)}
        />
      ) : null}
    </>
  );
}
