import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentMonthCst } from '../../../../shared/month.ts';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useCreateVerification } from '../hooks/useVerification.ts';

interface Values {
  year: number;
  half: 'H1' | 'H2';
  sample_size: number;
  seed?: string;
  title?: string;
}

/** Opens a half-year verification: period, sample size per region, optional seed (reproducible sample). */
export function CreateVerificationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const navigate = useNavigate();
  const create = useCreateVerification();
  const [form] = Form.useForm<Values>();
  const now = currentMonthCst();
  const year = Number(now.slice(0, 4));
  const half = now.slice(5) > '06' ? 'H1' : 'H2';

  const handleOk = async () => {
    const v = await form.validateFields();
    try {
      const res = await create.mutateAsync({
        period: `${v.year}${v.half}`,
        sample_size: v.sample_size,
        seed: v.seed?.trim() || undefined,
        title: v.title?.trim() || undefined,
      });
      void message.success(t('verification.verification.created', { count: res.items }));
      onClose();
      navigate(`/verification/checks/${res.id}`);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open={open}
      title={t('verification.verification.createTitle')}
      okText={t('verification.verification.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending }}
      onOk={handleOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('verification.verification.createHint')}
        style={{ marginBottom: 16 }}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ year: half === 'H2' ? year - 1 : year, half, sample_size: 5 }}
      >
        <Form.Item label={t('verification.verification.period')} required style={{ marginBottom: 0 }}>
          <Form.Item name="year" style={{ display: 'inline-block', marginInlineEnd: 12 }}>
            <Select
              aria-label={t('verification.verification.year')}
              style={{ width: 110 }}
              options={[0, 1, 2, 3, 4].map((i) => ({ value: year - i, label: String(year - i) }))}
            />
          </Form.Item>
          <Form.Item name="half" style={{ display: 'inline-block' }}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'H1', label: t('verification.verification.h1') },
                { value: 'H2', label: t('verification.verification.h2') },
              ]}
            />
          </Form.Item>
        </Form.Item>
        <Form.Item
          name="sample_size"
          label={t('verification.verification.sampleSize')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={1000} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="seed"
          label={t('verification.verification.seed')}
          extra={t('verification.verification.seedHint')}
        >
          <Input maxLength={64} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="title" label={t('verification.verification.titleLabel')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
