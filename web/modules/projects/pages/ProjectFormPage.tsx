import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../../app/auth.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { ProjectForm } from '../components/ProjectForm.tsx';
import { useProject } from '../hooks/useProjects.ts';
import type { ProjectDto } from '../types.ts';

/** `/projects/new` (optionally `?investor_id=`) and `/projects/:id/edit`. */
export function ProjectFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [sp] = useSearchParams();
  const me = useMe();
  const navigate = useNavigate();
  const current = useProject(id);

  if (id && current.isPending) return <Skeleton active />;
  if (id && (current.isError || !current.data))
    return (
      <Result
        status="404"
        title={t('projects.detail.notFound')}
        extra={<Link to="/projects">{t('projects.detail.back')}</Link>}
      />
    );
  const project = id ? (current.data ?? null) : null;

  const handleSaved = (p: ProjectDto) =>
    navigate(`/projects/${p.id}`, {
      replace: true,
      state: p.warnings?.length ? { warnings: p.warnings } : null,
    });
  const handleCancel = () => navigate(id ? `/projects/${id}` : '/projects');
  const investorId = sp.get('investor_id');

  return (
    <div style={{ maxWidth: 1120 }}>
      <PageHeader
        title={
          project ? t('projects.form.editTitle', { name: project.name }) : t('projects.form.createTitle')
        }
        subtitle={
          <span>
            <Link to="/projects">{t('projects.title')}</Link>
            {project ? ` / ${project.code}` : ''}
          </span>
        }
      />
      <ProjectForm
        key={project?.id ?? 'new'}
        project={project}
        defaults={{
          ...(investorId ? { investor_id: investorId } : {}),
          ...(me.role === 'department' && me.unit_id ? { responsible_unit_id: me.unit_id } : {}),
          ...(me.role === 'district' && me.region ? { region: me.region } : {}),
        }}
        onSaved={handleSaved}
        onCancel={handleCancel}
      />
    </div>
  );
}
