import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Result,
  Skeleton,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Stage } from '../../../../shared/enums.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { Money } from '../../../ui/Money.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { StageTag } from '../../projects/components/StageTag.tsx';
import { EnterpriseTags } from '../components/EnterpriseTags.tsx';
import { useDeleteEnterprise, useEnterprise } from '../hooks/useEnterprises.ts';
import type { Contact } from '../types.ts';
import { useCountryLabel } from '../utils.ts';
import type { ProjectDto } from '../../../../shared/schemas/projects.ts';

const WRITERS = ['admin', 'office', 'department', 'district'];
const DELETERS = ['admin', 'office'];

/** `/enterprises/:id`: the investor, its tags and contacts, and its projects in every region the user may see. */
export function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const ent = useEnterprise(id);
  const remove = useDeleteEnterprise();
  const countryLabel = useCountryLabel();

  if (ent.isPending) return <Skeleton active />;
  if (ent.isError || !ent.data)
    return (
      <Result
        status="404"
        title={t('enterprises.detail.notFound')}
        extra={<Link to="/enterprises">{t('enterprises.detail.back')}</Link>}
      />
    );
  const e = ent.data;

  const handleDelete = async () => {
    try {
      await remove.mutateAsync(e.id);
      void message.success(t('enterprises.detail.deleted'));
      navigate('/enterprises', { replace: true });
    } catch (err) {
      showError(err);
    }
  };

  const projectColumns: TableColumnsType<ProjectDto> = [
    {
      title: t('projects.fields.name'),
      key: 'name',
      render: (_: unknown, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
    },
    { title: t('projects.fields.code'), dataIndex: 'code', key: 'code', width: 200 },
    { title: t('projects.fields.region'), dataIndex: 'region_name', key: 'region', width: 120 },
    {
      title: t('projects.fields.stage'),
      dataIndex: 'stage',
      key: 'stage',
      width: 110,
      render: (s: Stage) => <StageTag stage={s} />,
    },
    {
      title: t('projects.fields.plannedAmount'),
      key: 'planned',
      width: 170,
      align: 'right',
      render: (_: unknown, p) => (
        <Money value={p.planned_amount} unit={p.capital_kind === 'foreign' ? 'usd10k' : 'yuan10k'} showUnit />
      ),
    },
    {
      title: t('projects.fields.updatedAt'),
      dataIndex: 'updated_at',
      key: 'updated_at',
      width: 140,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];

  const contactColumns: TableColumnsType<Contact> = [
    { title: t('enterprises.contact.name'), dataIndex: 'name', key: 'name', width: 120 },
    { title: t('enterprises.contact.title'), dataIndex: 'title', key: 'title', width: 140 },
    { title: t('enterprises.contact.phone'), dataIndex: 'phone', key: 'phone', width: 150 },
    { title: t('enterprises.contact.email'), dataIndex: 'email', key: 'email', width: 200 },
    { title: t('enterprises.contact.note'), dataIndex: 'note', key: 'note' },
  ];

  return (
    <>
      <PageHeader
        title={e.name}
        subtitle={
          <span>
            <Link to="/enterprises">{t('enterprises.title')}</Link> /{' '}
            {e.uscc ?? countryLabel(e.country, e.country_name)}
          </span>
        }
        extra={
          <>
            {WRITERS.includes(me.role) ? (
              <>
                <Button icon={<PlusOutlined />} onClick={() => navigate(`/projects/new?investor_id=${e.id}`)}>
                  {t('enterprises.detail.newProject')}
                </Button>
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => navigate(`/enterprises/${e.id}/edit`)}
                >
                  {t('enterprises.detail.edit')}
                </Button>
              </>
            ) : null}
            {DELETERS.includes(me.role) ? (
              <Popconfirm
                title={t('enterprises.detail.deleteConfirm', { name: e.name })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={handleDelete}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('enterprises.detail.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          column={3}
          size="small"
          data-testid="enterprise-descriptions"
          items={[
            {
              key: 'uscc',
              label: t('enterprises.fields.uscc'),
              children: e.uscc ? <Typography.Text copyable>{e.uscc}</Typography.Text> : '—',
            },
            {
              key: 'ownership',
              label: t('enterprises.fields.ownership'),
              children: t(`enterprises.ownership.${e.ownership}`),
            },
            {
              key: 'country',
              label: t('enterprises.fields.country'),
              children: countryLabel(e.country, e.country_name),
            },
            { key: 'hq', label: t('enterprises.fields.hqRegion'), children: e.hq_region_name ?? '—' },
            {
              key: 'industry',
              label: t('enterprises.fields.industry'),
              children: e.industry ? `${e.industry_name ?? ''}（${e.industry}）` : '—',
            },
            {
              key: 'updated',
              label: t('enterprises.fields.updatedAt'),
              children: dayjs(e.updated_at).format('YYYY-MM-DD HH:mm'),
            },
            {
              key: 'tags',
              label: t('enterprises.fields.tags'),
              span: 3,
              children: <EnterpriseTags tags={e.tags} />,
            },
            { key: 'notes', label: t('enterprises.fields.notes'), span: 3, children: e.notes ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title={t('enterprises.fields.contacts')} style={{ marginBottom: 12 }}>
        <Table<Contact>
          size="small"
          rowKey={(c) => `${c.name}|${c.phone ?? ''}|${c.email ?? ''}|${c.title ?? ''}`}
          dataSource={e.contacts}
          columns={contactColumns}
          pagination={false}
          locale={{ emptyText: t('enterprises.contact.none') }}
        />
      </Card>
      <Card
        size="small"
        title={
          <span>
            {t('enterprises.fields.projects')} <Tag>{e.projects.length}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {t('enterprises.detail.projectsHint')}
            </Typography.Text>
          </span>
        }
      >
        <Table<ProjectDto>
          size="small"
          rowKey="id"
          dataSource={e.projects}
          columns={projectColumns}
          pagination={e.projects.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: t('enterprises.detail.noProjects') }}
          data-testid="enterprise-projects"
        />
      </Card>
    </>
  );
}
