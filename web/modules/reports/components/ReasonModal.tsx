import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ReasonModalProps {
  open: boolean;
  action: 'return' | 'reopen';
  /** What the report is, e.g. "和平区 2026-10". */
  subject: string;
  confirming: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Asks for the reason a report is returned or reopened (required; shown to the district, audited). */
export function ReasonModal({ open, action, subject, confirming, onConfirm, onCancel }: ReasonModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();

  const handleOk = async () => {
    const v = await form.validateFields();
    onConfirm(v.reason.trim());
  };

  return (
    <Modal
      open={open}
      title={`${t(`reports.reasonTitle.${action}`)} · ${subject}`}
      okText={t(`reports.actions.${action}`)}
      okButtonProps={{ danger: action === 'return', loading: confirming }}
      cancelText={t('common.cancel')}
      onOk={handleOk}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t(`reports.reasonLabel.${action}`)}
          rules={[{ required: true, whitespace: true, message: t('reports.reasonRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder={t(`reports.reasonPlaceholder.${action}`)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
