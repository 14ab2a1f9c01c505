import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_KINDS, type UnitKind } from '../../../../shared/enums.ts';
import { isApiError } from '../../../api/client.ts';
import type { Unit } from '../../../api/types.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { RegionSelect } from '../../../ui/RegionSelect.tsx';
import { useSaveUnit, useUnits } from '../hooks/useUnits.ts';

interface Values {
  name: string;
  kind: UnitKind;
  region: string;
  parent_id: string | null;
}

export interface UnitFormModalProps {
  open: boolean;
  /** The unit to edit; a new unit when null. */
  unit: Unit | null;
  onClose: () => void;
}

function valuesOf(u: Unit | null): Partial<Values> {
  return u ? { name: u.name, kind: u.kind, region: u.region, parent_id: u.parent_id } : { parent_id: null };
}

/** Create or edit a unit; an edit carries the version it started from (409 → reload, nothing lost silently). */
export function UnitFormModal({ open, unit, onClose }: UnitFormModalProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveUnit();
  const all = useUnits();
  const { handleFormError } = useApiError();
  const [version, setVersion] = useState<number | undefined>(unit?.version);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(valuesOf(unit));
    setVersion(unit?.version);
    setStale(false);
  }, [open, unit, form]);

  const handleOk = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await save.mutateAsync({
        id: unit?.id,
        version,
        input: {
          name: values.name.trim(),
          kind: values.kind,
          region: values.region,
          parent_id: values.parent_id ?? null,
        },
      });
      void message.success(unit ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.isStale) {
        const current = (e.details as { current?: Unit | null } | undefined)?.current;
        void message.warning(t('errors.stale'));
        setStale(true);
        if (current) {
          form.setFieldsValue(valuesOf(current));
          setVersion(current.version);
        }
        return;
      }
      handleFormError(form, e);
    }
  };

  const parentOptions = (all.data?.items ?? [])
    .filter((u) => u.id !== unit?.id)
    .map((u) => ({ value: u.id, label: `${u.name}（${u.region_name ?? u.region}）` }));

  return (
    <Modal
      open={open}
      title={unit ? t('units.editTitle') : t('units.createTitle')}
      onOk={handleOk}
      onCancel={onClose}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={560}
    >
      {stale ? <Alert type="warning" showIcon title={t('units.stale')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" name="unit-form" requiredMark>
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('units.kind')}
          rules={[{ required: true, message: t('units.kindRequired') }]}
        >
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="region"
          label={t('units.region')}
          rules={[{ required: true, message: t('units.regionRequired') }]}
        >
          <RegionSelect root={me.root_region} />
        </Form.Item>
        <Form.Item name="parent_id" label={t('units.parent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={parentOptions}
            loading={all.isPending}
            placeholder={t('common.none')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
