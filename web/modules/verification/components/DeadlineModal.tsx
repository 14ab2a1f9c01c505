import { App, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useUpdateRectification } from '../hooks/useVerification.ts';
import type { Rectification } from '../types.ts';

/** The office moves a rectification's deadline. */
export function DeadlineModal({ item, onClose }: { item: Rectification; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const update = useUpdateRectification();
  const [form] = Form.useForm<{ deadline: Dayjs }>();

  const handleOk = async () => {
    const v = await form.validateFields();
    try {
      await update.mutateAsync({
        id: item.id,
        patch: { version: item.version, deadline: v.deadline.format('YYYY-MM-DD') },
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
      title={t('verification.rect.changeDeadlineTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: update.isPending }}
      onOk={handleOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ deadline: dayjs(item.deadline) }}>
        <Form.Item name="deadline" label={t('verification.rect.deadline')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
