import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

export interface PublishModalProps {
  open: boolean;
  month: string;
  nextVersion: number;
  publishing: boolean;
  onPublish: (note: string) => void;
  onCancel: () => void;
}

/** Confirms publishing the live figures as the next frozen version, with an optional note. */
export function PublishModal({
  open,
  month,
  nextVersion,
  publishing,
  onPublish,
  onCancel,
}: PublishModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const handleOk = async () => {
    const v = await form.validateFields();
    onPublish(v.note?.trim() ?? '');
  };
  return (
    <Modal
      open={open}
      title={t('bulletins.publishTitle', { month })}
      okText={t('bulletins.publish')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: publishing }}
      onOk={handleOk}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('bulletins.publishHint', { version: nextVersion })}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="note" label={t('bulletins.publishNote')}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder={t('bulletins.publishNotePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
