import { Alert, App, DatePicker, Descriptions, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../../ui/apiErrors.ts';
import { Money } from '../../../ui/Money.tsx';
import { useCheckVerificationItem } from '../hooks/useVerification.ts';
import type { CheckResult, VerificationItem } from '../types.ts';

interface Values {
  result: CheckResult;
  finding?: string;
  deadline?: Dayjs | null;
}

export interface RecordResultModalProps {
  verificationId: string;
  item: VerificationItem;
  onClose: () => void;
}

/** Records the check of one sampled entry: 属实 / 存在问题 / 数据不实, the finding and the rectification deadline. */
export function RecordResultModal({ verificationId, item, onClose }: RecordResultModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const check = useCheckVerificationItem(verificationId);
  const [form] = Form.useForm<Values>();
  const result = Form.useWatch('result', form);

  const handleOk = async () => {
    const v = await form.validateFields();
    try {
      await check.mutateAsync({
        itemId: item.id,
        result: v.result,
        finding: v.finding?.trim() || undefined,
        deadline: v.result !== 'confirmed' && v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined,
      });
      void message.success(
        t('verification.verification.recorded', { result: t(`verification.results.${v.result}`) }),
      );
      onClose();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open
      title={t('verification.verification.recordTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: check.isPending, danger: result === 'false' }}
      onOk={handleOk}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Descriptions
        size="small"
        column={2}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'p',
            label: t('verification.verification.project'),
            span: 2,
            children: `${item.project_code} ${item.project_name}`,
          },
          { key: 'i', label: t('verification.verification.investor'), span: 2, children: item.investor_name },
          { key: 'm', label: t('verification.verification.month'), children: item.month },
          {
            key: 'a',
            label: t('verification.verification.amount'),
            children: (
              <span>
                {t(`verification.verification.${item.kind}`)}{' '}
                <Money value={item.amount} unit={item.kind === 'domestic' ? 'yuan10k' : 'usd10k'} showUnit />
              </span>
            ),
          },
        ]}
      />
      <Alert
        type="warning"
        showIcon
        title={t('verification.verification.recordHint')}
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ result: 'confirmed' }}>
        <Form.Item name="result" label={t('verification.verification.result')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['confirmed', 'issue', 'false'] as const).map((r) => ({
              value: r,
              label: t(`verification.results.${r}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="finding"
          label={t('verification.verification.finding')}
          rules={[
            {
              required: result !== undefined && result !== 'confirmed',
              whitespace: true,
              message: t('verification.verification.findingRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {result && result !== 'confirmed' ? (
          <Form.Item
            name="deadline"
            label={t('verification.verification.deadline')}
            extra={t('verification.verification.deadlineHint')}
          >
            <DatePicker />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
