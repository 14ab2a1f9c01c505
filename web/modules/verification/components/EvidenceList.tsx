import { PaperClipOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDownload } from '../../../ui/download.ts';
import { useAttachmentMeta } from '../hooks/useVerification.ts';

function EvidenceLink({ id }: { id: string }) {
  const meta = useAttachmentMeta(id);
  const { download } = useDownload();
  const name = meta.data?.name ?? id.slice(0, 8);
  return (
    <Typography.Link
      onClick={() => void download(`/api/v1/attachments/${id}`, name)}
      style={{ fontSize: 12 }}
    >
      <PaperClipOutlined /> {name}
    </Typography.Link>
  );
}

/** The evidence files of a rectification item, each a download link (scope-checked by the API). */
export function EvidenceList({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  if (!ids.length) return <Typography.Text type="secondary">{t('verification.rect.none')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {ids.map((id) => (
        <EvidenceLink key={id} id={id} />
      ))}
    </Space>
  );
}
