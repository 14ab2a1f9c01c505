import { Card, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { EnterpriseForm } from '../components/EnterpriseForm.tsx';
import { useEnterprise } from '../hooks/useEnterprises.ts';
import type { EnterpriseDto } from '../types.ts';

/** `/enterprises/new` and `/enterprises/:id/edit`. */
export function EnterpriseFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const current = useEnterprise(id);

  if (id && current.isPending) return <Skeleton active />;
  if (id && current.isError) return <Result status="404" title={t('enterprises.detail.notFound')} />;
  const enterprise = id ? (current.data ?? null) : null;

  const handleSaved = (e: EnterpriseDto) => navigate(`/enterprises/${e.id}`, { replace: true });
  const handleCancel = () => navigate(id ? `/enterprises/${id}` : '/enterprises');

  return (
    <>
      <PageHeader
        title={
          enterprise
            ? t('enterprises.form.editTitle', { name: enterprise.name })
            : t('enterprises.form.createTitle')
        }
      />
      <Card style={{ maxWidth: 1080 }}>
        <EnterpriseForm
          key={enterprise?.id ?? 'new'}
          enterprise={enterprise}
          onSaved={handleSaved}
          onCancel={handleCancel}
        />
      </Card>
    </>
  );
}
