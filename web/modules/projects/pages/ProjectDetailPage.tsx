import { DeleteOutlined, EditOutlined, PaperClipOutlined, SwapRightOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { FileUpload } from '../../../ui/FileUpload.tsx';
import { Money } from '../../../ui/Money.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { useCountryLabel } from '../../enterprises/utils.ts';
import { DoubleCountWarnings } from '../components/DoubleCountWarnings.tsx';
import { StageTag } from '../components/StageTag.tsx';
import { StageTimeline } from '../components/StageTimeline.tsx';
import { TransitionDialog } from '../components/TransitionDialog.tsx';
import {
  useDeleteProject,
  useInvalidateProjects,
  useProject,
  useProjectAttachments,
} from '../hooks/useProjects.ts';
import type { DoubleCountWarning } from '../types.ts';
import { mayWriteProject } from '../utils/access.ts';
import { moneyUnit, useScreeningText } from '../utils/labels.ts';

function formatSize(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `/projects/:id`: every field of SPEC §3.1, funds in place, the stage timeline with evidence, attachments. */
export function ProjectDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const screeningText = useScreeningText();
  const countryLabel = useCountryLabel();
  const q = useProject(id);
  const files = useProjectAttachments(id);
  const remove = useDeleteProject();
  const invalidate = useInvalidateProjects();
  const [moving, setMoving] = useState(false);
  const [warnings, setWarnings] = useState<DoubleCountWarning[]>(
    () => (location.state as { warnings?: DoubleCountWarning[] } | null)?.warnings ?? [],
  );

  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data)
    return (
      <Result
        status="404"
        title={t('projects.detail.notFound')}
        extra={<Link to="/projects">{t('projects.detail.back')}</Link>}
      />
    );
  const p = q.data;
  const writable = mayWriteProject(me, p);
  const unit = moneyUnit(p);
  const flagged = p.polluting || p.outdated_capacity;

  const handleDelete = async () => {
    try {
      await remove.mutateAsync(p.id);
      void message.success(t('projects.detail.deleted'));
      navigate('/projects', { replace: true });
    } catch (e) {
      showError(e);
    }
  };

  const dash = (v: string | null | undefined) => (v ? v : '—');

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={10} wrap>
            <span>{p.name}</span>
            <StageTag stage={p.stage} />
            {p.key_level ? (
              <Tag color={p.key_level === 'city' ? 'red' : 'orange'}>
                {t(`projects.keyLevel.${p.key_level}`)}
              </Tag>
            ) : null}
            {p.major ? <Tag color="purple">{t('projects.fields.major')}</Tag> : null}
          </Flex>
        }
        subtitle={
          <span>
            <Link to="/projects">{t('projects.title')}</Link> / {p.code}
          </span>
        }
        extra={
          writable ? (
            <>
              {p.stage !== 'dropped' ? (
                <Button type="primary" icon={<SwapRightOutlined />} onClick={() => setMoving(true)}>
                  {t('projects.detail.transition')}
                </Button>
              ) : null}
              <Button icon={<EditOutlined />} onClick={() => navigate(`/projects/${p.id}/edit`)}>
                {t('projects.detail.edit')}
              </Button>
              <Popconfirm
                title={t('projects.detail.deleteConfirm', { name: p.name })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={handleDelete}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('projects.detail.delete')}
                </Button>
              </Popconfirm>
            </>
          ) : (
            <Typography.Text type="secondary">{t('projects.detail.readOnly')}</Typography.Text>
          )
        }
      />
      <DoubleCountWarnings warnings={warnings} onClose={() => setWarnings([])} />
      {p.stage === 'dropped' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('projects.detail.dropped', { date: p.stage_date ?? '', reason: p.drop_reason ?? '' })}
        />
      ) : null}
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title={t('projects.detail.basic')} style={{ marginBottom: 12 }}>
            <Descriptions
              size="small"
              column={2}
              data-testid="project-basic"
              items={[
                { key: 'code', label: t('projects.fields.code'), children: p.code },
                { key: 'name', label: t('projects.fields.name'), children: p.name },
                {
                  key: 'investor',
                  label: t('projects.fields.investor'),
                  children: <Link to={`/enterprises/${p.investor_id}`}>{p.investor_name}</Link>,
                },
                { key: 'uscc', label: t('projects.fields.investorUscc'), children: dash(p.investor_uscc) },
                {
                  key: 'origin',
                  label: t('projects.fields.origin'),
                  children: `${/^[A-Z]{2}$/.test(p.origin) ? countryLabel(p.origin, p.origin_name) : (p.origin_name ?? '')}（${p.origin}）`,
                },
                {
                  key: 'capital',
                  label: t('projects.fields.capitalKind'),
                  children: t(`projects.capitalKind.${p.capital_kind}`),
                },
                {
                  key: 'industry',
                  label: t('projects.fields.industry'),
                  children: `${p.industry_name ?? ''}（${p.industry}）`,
                },
                {
                  key: 'region',
                  label: t('projects.fields.region'),
                  children: `${p.region_name ?? ''}（${p.region}）`,
                },
                { key: 'unit', label: t('projects.fields.unit'), children: dash(p.unit_name) },
                { key: 'carrier', label: t('projects.fields.carrier'), children: dash(p.carrier) },
                {
                  key: 'stage',
                  label: t('projects.fields.stage'),
                  children: (
                    <span>
                      <StageTag stage={p.stage} /> {p.stage_date ?? ''}
                    </span>
                  ),
                },
                {
                  key: 'expected',
                  label: t('projects.fields.expectedLandingDate'),
                  children: dash(p.expected_landing_date),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('projects.detail.investment')} style={{ marginBottom: 12 }}>
            <Descriptions
              size="small"
              column={3}
              items={[
                {
                  key: 'planned',
                  label: t('projects.fields.plannedAmount'),
                  children: <Money value={p.planned_amount} unit={unit} showUnit />,
                },
                {
                  key: 'contracted',
                  label: t('projects.fields.contractedAmount'),
                  children: <Money value={p.contracted_amount} unit={unit} showUnit />,
                },
                {
                  key: 'funds',
                  label: t('projects.fields.fundsInPlace'),
                  children: (
                    <span title={t('projects.detail.fundsHint')} data-testid="funds-in-place">
                      <Money value={p.funds_in_place} unit={unit} showUnit />
                    </span>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('projects.detail.responsibility')} style={{ marginBottom: 12 }}>
            <Descriptions
              size="small"
              column={2}
              items={[
                {
                  key: 'key',
                  label: t('projects.fields.keyLevel'),
                  children: p.key_level ? t(`projects.keyLevel.${p.key_level}`) : t('projects.keyLevel.none'),
                },
                {
                  key: 'major',
                  label: t('projects.fields.major'),
                  children: p.major ? t('common.yes') : t('common.no'),
                },
                { key: 'guarantor', label: t('projects.fields.guarantor'), children: dash(p.guarantor_name) },
                {
                  key: 'responsible',
                  label: t('projects.fields.responsibleUnit'),
                  children: dash(p.responsible_unit_name),
                },
                {
                  key: 'introducer_kind',
                  label: t('projects.fields.introducerKind'),
                  children: p.introducer_kind ? t(`projects.introducerKind.${p.introducer_kind}`) : '—',
                },
                { key: 'introducer', label: t('projects.fields.introducer'), children: dash(p.introducer) },
                {
                  key: 'notes',
                  label: t('projects.fields.notes'),
                  span: 2,
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(p.notes)}</span>,
                },
                {
                  key: 'created',
                  label: t('projects.fields.createdAt'),
                  children: dayjs(p.created_at).format('YYYY-MM-DD HH:mm'),
                },
                {
                  key: 'updated',
                  label: t('projects.fields.updatedAt'),
                  children: dayjs(p.updated_at).format('YYYY-MM-DD HH:mm'),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('projects.detail.screening')} style={{ marginBottom: 12 }}>
            {!flagged ? (
              <Typography.Text type="success">{t('projects.detail.clean')}</Typography.Text>
            ) : p.screening_override_reason ? (
              <Alert
                type="info"
                showIcon
                title={t('projects.detail.overridden', { reason: p.screening_override_reason })}
              />
            ) : (
              <Alert
                type="warning"
                showIcon
                title={t('projects.detail.flaggedNoOverride', { what: screeningText(p) })}
              />
            )}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('projects.detail.timeline')} style={{ marginBottom: 12 }}>
            <StageTimeline projectId={p.id} />
          </Card>
          <Card size="small" title={t('projects.detail.attachments')}>
            {files.data?.items.length ? (
              <Flex vertical data-testid="project-attachments">
                {files.data.items.map((f) => (
                  <Flex
                    key={f.id}
                    justify="space-between"
                    gap={8}
                    style={{ padding: '6px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}
                  >
                    <a
                      href={f.url}
                      style={{
                        minWidth: 0,
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        whiteSpace: 'nowrap',
                      }}
                    >
                      <PaperClipOutlined /> {f.name}
                    </a>
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {formatSize(f.size)} · {dayjs(f.created_at).format('YYYY-MM-DD')}
                    </Typography.Text>
                  </Flex>
                ))}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.detail.noAttachments')} />
            )}
            {writable ? (
              <div style={{ marginTop: 8 }}>
                <FileUpload
                  value={[]}
                  query={{ project_id: p.id }}
                  onUploaded={(f) => {
                    void message.success(t('projects.detail.uploaded', { name: f.name }));
                    void invalidate();
                  }}
                  aria-label={t('projects.detail.uploadAttachment')}
                />
              </div>
            ) : null}
          </Card>
        </Col>
      </Row>
      {moving ? (
        <TransitionDialog
          project={p}
          open
          onClose={() => setMoving(false)}
          onDone={() => void files.refetch()}
        />
      ) : null}
    </>
  );
}
