import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useCheckInspectionItem } from '../hooks/useVerification.ts';
import type { InspectionItem } from '../types.ts';

interface Values {
  progress?: string;
  funds?: string;
  problems?: string;
  result: 'ok' | 'issue';
  deadline?: Dayjs | null;
}

/** Fills one key project's quarterly checklist: progress, funds, problems and the result. */
export function ChecklistModal({
  inspectionId,
  item,
  onClose,
}: {
  inspectionId: string;
  item: InspectionItem;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const check = useCheckInspectionItem(inspectionId);
  const [form] = Form.useForm<Values>();
  const result = Form.useWatch('result', form);

  const handleOk = async () => {
    const v = await form.validateFields();
    try {
      await check.mutateAsync({
        itemId: item.id,
        progress: v.progress?.trim() || undefined,
        funds: v.funds?.trim() || undefined,
        problems: v.problems?.trim() || undefined,
        result: v.result,
        deadline: v.result === 'issue' && v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined,
      });
      void message.success(t('verification.inspection.saved'));
      onClose();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open
      title={t('verification.inspection.fillTitle', { name: item.project_name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: check.isPending }}
      onOk={handleOk}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          progress: item.progress ?? '',
          funds: item.funds ?? '',
          problems: item.problems ?? '',
          result: item.result === 'issue' ? 'issue' : 'ok',
        }}
      >
        <Form.Item name="progress" label={t('verification.inspection.progress')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="funds" label={t('verification.inspection.funds')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="result" label={t('verification.inspection.result')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['ok', 'issue'] as const).map((r) => ({
              value: r,
              label: t(`verification.inspectionResults.${r}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="problems"
          label={t('verification.inspection.problems')}
          rules={[
            {
              required: result === 'issue',
              whitespace: true,
              message: t('verification.inspection.problemsRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {result === 'issue' && item.result !== 'issue' ? (
          <Form.Item
            name="deadline"
            label={t('verification.inspection.deadline')}
            extra={t('verification.inspection.deadlineHint')}
          >
            <DatePicker />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
