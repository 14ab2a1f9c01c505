import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentMonthCst } from '../../../../shared/month.ts';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useCreateInspection } from '../hooks/useVerification.ts';

interface Values {
  year: number;
  q: '1' | '2' | '3' | '4';
  title?: string;
}

/** Opens the quarterly inspection of key projects: a checklist for every live key or major project. */
export function CreateInspectionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const navigate = useNavigate();
  const create = useCreateInspection();
  const [form] = Form.useForm<Values>();
  const now = currentMonthCst();
  const year = Number(now.slice(0, 4));
  const q = String(Math.ceil(Number(now.slice(5)) / 3)) as Values['q'];

  const handleOk = async () => {
    const v = await form.validateFields();
    try {
      const res = await create.mutateAsync({
        quarter: `${v.year}Q${v.q}`,
        title: v.title?.trim() || undefined,
      });
      void message.success(t('verification.inspection.created', { count: res.items }));
      onClose();
      navigate(`/verification/inspections/${res.id}`);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open={open}
      title={t('verification.inspection.createTitle')}
      okText={t('verification.inspection.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending }}
      onOk={handleOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('verification.inspection.createHint')}
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ year, q }}>
        <Form.Item label={t('verification.inspection.quarter')} required style={{ marginBottom: 0 }}>
          <Form.Item name="year" style={{ display: 'inline-block', marginInlineEnd: 12 }}>
            <Select
              aria-label={t('verification.verification.year')}
              style={{ width: 110 }}
              options={[0, 1, 2].map((i) => ({ value: year - i, label: String(year - i) }))}
            />
          </Form.Item>
          <Form.Item name="q" style={{ display: 'inline-block' }}>
            <Radio.Group
              optionType="button"
              options={(['1', '2', '3', '4'] as const).map((x) => ({
                value: x,
                label: t('verification.inspection.q', { q: x }),
              }))}
            />
          </Form.Item>
        </Form.Item>
        <Form.Item name="title" label={t('verification.inspection.titleLabel')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
