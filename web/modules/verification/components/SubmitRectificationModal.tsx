import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../../ui/apiErrors.ts';
import { FileUpload, type UploadedFile } from '../../../ui/FileUpload.tsx';
import { useUpdateRectification } from '../hooks/useVerification.ts';
import type { Rectification } from '../types.ts';

interface Values {
  resolution?: string;
  evidence?: UploadedFile[];
}

/** The owner district submits its rectification: what was done, with evidence files (uploaded first). */
export function SubmitRectificationModal({ item, onClose }: { item: Rectification; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const update = useUpdateRectification();
  const [form] = Form.useForm<Values>();

  const handleOk = async () => {
    const v = await form.validateFields();
    const evidence = (v.evidence ?? []).map((f) => f.id);
    const resolution = v.resolution?.trim() ?? '';
    if (!resolution && !evidence.length && !item.evidence.length) {
      form.setFields([{ name: 'resolution', errors: [t('verification.rect.resolutionRequired')] }]);
      return;
    }
    try {
      await update.mutateAsync({
        id: item.id,
        patch: {
          version: item.version,
          status: 'submitted',
          ...(resolution ? { resolution } : {}),
          ...(evidence.length ? { evidence } : {}),
        },
      });
      void message.success(t('verification.rect.saved'));
      onClose();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open
      title={t('verification.rect.submitTitle', { title: item.title })}
      okText={t('verification.rect.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: update.isPending }}
      onOk={handleOk}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Alert type="info" showIcon title={t('verification.rect.submitHint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ resolution: item.resolution ?? '' }}
      >
        <Form.Item name="resolution" label={t('verification.rect.resolution')}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="evidence" label={t('verification.rect.evidence')}>
          <FileUpload
            maxCount={20}
            aria-label={t('verification.rect.evidence')}
            data-testid="rect-evidence"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
