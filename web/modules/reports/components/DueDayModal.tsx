import { App, Form, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useSetDueDay } from '../hooks/useReports.ts';

export interface DueDayModalProps {
  open: boolean;
  current: number;
  onClose: () => void;
}

/** Sets the day of the next month by which a month's report is due (`PUT /monthly-reports/settings`). */
export function DueDayModal({ open, current, onClose }: DueDayModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const [form] = Form.useForm<{ due_day: number }>();
  const setDueDay = useSetDueDay();

  const handleOk = async () => {
    const v = await form.validateFields();
    try {
      await setDueDay.mutateAsync(v.due_day);
      void message.success(t('reports.queue.dueDaySaved', { day: v.due_day }));
      onClose();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open={open}
      title={t('reports.queue.dueDayTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: setDueDay.isPending }}
      onOk={handleOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reports.queue.dueDayHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ due_day: current }} preserve={false}>
        <Form.Item name="due_day" label={t('reports.queue.dueDayLabel')} rules={[{ required: true }]}>
          <InputNumber min={1} max={28} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
