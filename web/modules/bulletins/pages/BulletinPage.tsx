import { DownloadOutlined, HistoryOutlined, NotificationOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Collapse,
  Dropdown,
  Result,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { addMonths, currentMonthCst, MONTH_PATTERN, parseMonth } from '../../../../shared/month.ts';
import { api } from '../../../api/client.ts';
import type { RegionDetail } from '../../../api/types.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useDownload } from '../../../ui/download.ts';
import { MonthPicker } from '../../../ui/MonthPicker.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { BulletinCharts } from '../components/BulletinCharts.tsx';
import { BulletinTable } from '../components/BulletinTable.tsx';
import { ChangesTable } from '../components/ChangesTable.tsx';
import { PublishModal } from '../components/PublishModal.tsx';
import { VersionsDrawer } from '../components/VersionsDrawer.tsx';
import {
  useBulletin,
  useBulletinTrend,
  useBulletinVersions,
  usePublishBulletin,
} from '../hooks/useBulletins.ts';
import type { BulletinRow, CapitalTab } from '../types.ts';

/** Roles that read the live figures and the trend; the others see published versions only. */
const LIVE_ROLES = new Set(['admin', 'office', 'leader', 'department']);
type FileFormat = 'xlsx' | 'pdf' | 'docx';

/**
 * 月通报: the bulletin of a month as the API computes it (or a published version), domestic and foreign,
 * opening into child regions, with charts, publishing (office), versions and the notice as files.
 * State in the URL: `?month=&parent=&version=&kind=`.
 */
export function BulletinPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const { download, busy } = useDownload();
  const [search, setSearch] = useSearchParams();
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [publishing, setPublishing] = useState(false);

  const live = LIVE_ROLES.has(me.role);
  const isOffice = me.role === 'office' || me.role === 'admin';
  const wanted = search.get('month') ?? '';
  const month =
    MONTH_PATTERN.test(wanted) && wanted <= currentMonthCst() ? wanted : addMonths(currentMonthCst(), -1);
  const parent = search.get('parent') || undefined;
  const versionParam = Number(search.get('version'));
  const version = Number.isInteger(versionParam) && versionParam > 0 ? versionParam : undefined;
  const kind: CapitalTab = search.get('kind') === 'foreign' ? 'foreign' : 'domestic';

  const bulletin = useBulletin({ month, parent, version });
  const versions = useBulletinVersions(month, parent);
  const trend = useBulletinTrend(month, parent, live);
  const publish = usePublishBulletin();
  const path = useQuery({
    queryKey: ['regions', 'detail', parent],
    queryFn: ({ signal }) => api.get<RegionDetail>(`/api/v1/regions/${parent}`, undefined, signal),
    enabled: !!parent,
  });

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setSearch(next);
  };

  const b = bulletin.data;
  const allVersions = versions.data?.items ?? [];
  const latest = allVersions.reduce((m, v) => Math.max(m, v.version), 0);
  const { year, month: m } = parseMonth(month);

  const handleOpen = (row: BulletinRow) => update({ parent: row.region, version: undefined });
  const handleDownload = (format: FileFormat) =>
    void download(`/api/v1/bulletins/${month}.${format}`, `bulletin-${month}.${format}`, {
      parent,
      version: version ?? (live ? undefined : latest || undefined),
    });
  const handlePublish = async (note: string) => {
    try {
      const res = await publish.mutateAsync({ month, parent, note: note || undefined });
      void message.success(t('bulletins.published', { version: res.version ?? latest + 1 }));
      setPublishing(false);
    } catch (e) {
      showError(e);
    }
  };

  // the breadcrumb from the deployment's root down to the region whose children are the rows
  const root = me.root_region;
  const trail = (path.data?.path ?? []).filter((p) => p.code.length === 6);
  const rootIndex = trail.findIndex((p) => p.code === root);
  const crumbs = parent && rootIndex >= 0 ? trail.slice(rootIndex) : [];

  const versionOptions = [
    ...(live ? [{ value: 0, label: t('bulletins.viewLive') }] : []),
    ...[...allVersions]
      .sort((x, y) => y.version - x.version)
      .map((v) => ({ value: v.version, label: t('bulletins.versionLabel', { version: v.version }) })),
  ];

  const header = (
    <PageHeader
      title={t('bulletins.title')}
      subtitle={
        m === 1 ? t('bulletins.subtitleJanuary', { year }) : t('bulletins.subtitle', { year, month: m })
      }
      extra={
        <>
          <MonthPicker
            value={month}
            onChange={(v) => update({ month: v, version: undefined })}
            max={currentMonthCst()}
            aria-label={t('bulletins.month')}
          />
          {versionOptions.length ? (
            <Select<number>
              aria-label={t('bulletins.pickVersion')}
              value={version ?? (live ? 0 : latest)}
              onChange={(v) => update({ version: v ? String(v) : undefined })}
              options={versionOptions}
              style={{ width: 130 }}
            />
          ) : null}
          <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
            {t('bulletins.versions')}
            {latest ? <Tag style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>{latest}</Tag> : null}
          </Button>
          <Dropdown
            disabled={!b}
            menu={{
              items: [
                { key: 'xlsx', label: t('bulletins.downloadXlsx') },
                { key: 'pdf', label: t('bulletins.downloadPdf') },
                { key: 'docx', label: t('bulletins.downloadDocx') },
              ],
              onClick: ({ key }) => handleDownload(key as FileFormat),
            }}
          >
            <Button icon={<DownloadOutlined />} loading={busy !== null} data-testid="bulletin-download">
              {t('bulletins.download')}
            </Button>
          </Dropdown>
          {isOffice && !version ? (
            <Button
              type="primary"
              icon={<NotificationOutlined />}
              onClick={() => setPublishing(true)}
              disabled={!b}
            >
              {t('bulletins.publish')}
            </Button>
          ) : null}
        </>
      }
    />
  );

  const status = b ? (
    b.live ? (
      <Space size={8} wrap>
        <Tag color="orange">{t('bulletins.live')}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('bulletins.liveHint')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          ·{' '}
          {b.version && b.published_at
            ? t('bulletins.lastPublished', {
                version: b.version,
                at: dayjs(b.published_at).format('YYYY-MM-DD HH:mm'),
              })
            : t('bulletins.notPublishedYet')}
        </Typography.Text>
      </Space>
    ) : (
      <Space size={8} wrap>
        <Tag color="green">{t('bulletins.versionLabel', { version: b.version ?? 1 })}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('bulletins.versionInfo', {
            version: b.version ?? 1,
            at: b.published_at ? dayjs(b.published_at).format('YYYY-MM-DD HH:mm') : '',
            hash: (b.content_hash ?? '').slice(0, 12),
          })}
        </Typography.Text>
      </Space>
    )
  ) : null;

  return (
    <>
      {header}
      {bulletin.isPending ? (
        <Card>
          <Spin style={{ display: 'block', margin: '48px auto' }} />
        </Card>
      ) : bulletin.isError ? (
        <Result status="error" title={bulletin.error.message} />
      ) : !b ? (
        <Card>
          <Result
            status="info"
            title={t('bulletins.notPublished', { month })}
            subTitle={t('bulletins.notPublishedHint')}
            data-testid="bulletin-not-published"
          />
        </Card>
      ) : (
        <>
          {crumbs.length > 1 ? (
            <Breadcrumb
              style={{ marginBottom: 8 }}
              items={crumbs.map((c, i) => ({
                key: c.code,
                title:
                  i === crumbs.length - 1 ? (
                    c.name
                  ) : (
                    <Typography.Link
                      onClick={() =>
                        update({ parent: c.code === root ? undefined : c.code, version: undefined })
                      }
                    >
                      {c.name}
                    </Typography.Link>
                  ),
              }))}
            />
          ) : null}
          {!b.live && b.changes && b.changes.length && (b.version ?? 1) >= 2 ? (
            <Collapse
              size="small"
              style={{ marginBottom: 12, background: '#fffbe6' }}
              items={[
                {
                  key: 'changes',
                  label: t('bulletins.changesTitle', { version: b.version, prev: (b.version ?? 2) - 1 }),
                  children: <ChangesTable changes={b.changes} />,
                },
              ]}
            />
          ) : null}
          <Card
            size="small"
            styles={{ body: { paddingTop: 0 } }}
            title={
              <Space size={12}>
                <span>{b.parent.name}</span>
                {status}
              </Space>
            }
          >
            <Tabs
              activeKey={kind}
              onChange={(k) => update({ kind: k === 'foreign' ? 'foreign' : undefined })}
              items={[
                { key: 'domestic', label: t('bulletins.domestic') },
                { key: 'foreign', label: t('bulletins.foreign') },
              ]}
            />
            <BulletinTable bulletin={b} kind={kind} loading={bulletin.isFetching} onOpen={handleOpen} />
            {b.rows.some((r) => r.has_children) ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
                {t('bulletins.breadcrumbHint')}
              </Typography.Text>
            ) : null}
          </Card>
          <BulletinCharts bulletin={b} kind={kind} trend={live ? trend.data : undefined} />
        </>
      )}
      <VersionsDrawer
        open={versionsOpen}
        month={month}
        versions={allVersions}
        current={b && !b.live ? b.version : undefined}
        onView={(v) => {
          update({ version: String(v) });
          setVersionsOpen(false);
        }}
        onClose={() => setVersionsOpen(false)}
      />
      {publishing ? (
        <PublishModal
          open
          month={month}
          nextVersion={latest + 1}
          publishing={publish.isPending}
          onPublish={handlePublish}
          onCancel={() => setPublishing(false)}
        />
      ) : null}
    </>
  );
}
