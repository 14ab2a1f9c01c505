import { Alert, App, Button, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  OWNERSHIPS,
  RANKED_TAGS,
  type EnterpriseCreate,
  type Ownership,
} from '../../../../shared/schemas/enterprises.ts';
import { isApiError } from '../../../api/client.ts';
import { CountrySelect } from '../../../ui/CountrySelect.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { IndustrySelect } from '../../../ui/IndustrySelect.tsx';
import { RegionSelect } from '../../../ui/RegionSelect.tsx';
import { StaleVersionAlert, type StaleDiff } from '../../../ui/StaleVersionAlert.tsx';
import { useCreateEnterprise, useUpdateEnterprise } from '../hooks/useEnterprises.ts';
import type { Contact, EnterpriseDto, EnterpriseTagValue } from '../types.ts';
import { ContactsEditor } from './ContactsEditor.tsx';
import type { EnterpriseBrief } from './EnterpriseSelect.tsx';
import { TagsEditor, useTagLabel } from './TagsEditor.tsx';
import { UsccInput, useUsccError } from './UsccInput.tsx';

interface Values {
  name: string;
  uscc: string;
  country?: string;
  ownership?: Ownership;
  hq_region?: string | null;
  industry?: string | null;
  tags: EnterpriseTagValue[];
  contacts: Array<Partial<Contact>>;
  notes?: string;
}

function valuesOf(e: EnterpriseDto | null, initialName?: string): Values {
  if (!e) return { name: initialName ?? '', uscc: '', country: 'CN', tags: [], contacts: [], notes: '' };
  return {
    name: e.name,
    uscc: e.uscc ?? '',
    country: e.country,
    ownership: e.ownership,
    hq_region: e.hq_region,
    industry: e.industry,
    tags: e.tags,
    contacts: e.contacts,
    notes: e.notes ?? '',
  };
}

const opt = (s: string | undefined | null) => {
  const v = s?.trim();
  return v ? v : undefined;
};

function payloadOf(v: Values): EnterpriseCreate {
  return {
    name: v.name.trim(),
    uscc: v.uscc ? v.uscc : null,
    country: v.country || 'CN',
    ownership: v.ownership!,
    hq_region: v.hq_region ?? null,
    industry: v.industry ?? null,
    tags: v.tags,
    contacts: v.contacts.map((c) => ({
      name: (c.name ?? '').trim(),
      title: opt(c.title),
      phone: opt(c.phone),
      email: opt(c.email),
      note: opt(c.note),
    })),
    notes: opt(v.notes) ?? null,
  };
}

interface Duplicate {
  id: string;
  name: string;
  uscc: string;
}

export interface EnterpriseFormProps {
  /** The enterprise to edit; a new one when null. */
  enterprise: EnterpriseDto | null;
  /** A name to start a new enterprise with (typed in the investor search). */
  initialName?: string;
  onSaved: (e: EnterpriseDto) => void;
  onCancel: () => void;
  /** When given, a duplicate USCC offers “使用已有企业” (inline creation from the project form). */
  onUseExisting?: (e: EnterpriseBrief) => void;
  /** Fewer columns (inside a modal). */
  compact?: boolean;
}

/**
 * Create or edit an investor enterprise: the USCC is checked as it is typed (GB 32100-2015, shared/uscc.ts),
 * a duplicate USCC points to the existing record, a stale edit shows both versions and loses nothing.
 * The form starts from `enterprise` when it mounts (give it a `key` to start over).
 */
export function EnterpriseForm({
  enterprise,
  initialName,
  onSaved,
  onCancel,
  onUseExisting,
  compact,
}: EnterpriseFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { handleFormError } = useApiError();
  const usccError = useUsccError();
  const tagLabel = useTagLabel();
  const [form] = Form.useForm<Values>();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise(enterprise?.id ?? '');
  const [base, setBase] = useState<EnterpriseDto | null>(enterprise);
  const [version, setVersion] = useState(enterprise?.version);
  const [stale, setStale] = useState<EnterpriseDto | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const country = Form.useWatch('country', form);
  const domestic = !country || country === 'CN';

  const handleFinish = async (values: Values) => {
    setDuplicate(null);
    const payload = payloadOf(values);
    try {
      const saved = enterprise
        ? await update.mutateAsync({ ...payload, version: version ?? enterprise.version })
        : await create.mutateAsync(payload);
      setStale(null);
      void message.success(enterprise ? t('enterprises.form.saved') : t('enterprises.form.created'));
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.isStale) {
        const current = (e.details as { current?: EnterpriseDto | null } | undefined)?.current ?? null;
        if (current) setStale(current);
        return;
      }
      if (isApiError(e) && e.code === 'DUPLICATE') {
        const d = e.details as { existing_id?: string; existing_name?: string; uscc?: string } | undefined;
        if (d?.existing_id) {
          setDuplicate({
            id: d.existing_id,
            name: d.existing_name ?? '',
            uscc: d.uscc ?? payload.uscc ?? '',
          });
          form.setFields([
            {
              name: 'uscc',
              errors: [t('enterprises.form.duplicate', { uscc: d.uscc ?? '', name: d.existing_name ?? '' })],
            },
          ]);
          return;
        }
      }
      handleFormError(form, e);
    }
  };

  /** Keep what the user changed (against the version they started from), on top of the newest version. */
  const handleKeepMine = () => {
    if (!stale) return;
    const typed = form.getFieldsValue(true) as Values;
    const startedFrom = valuesOf(base);
    const merged = { ...valuesOf(stale) };
    for (const k of Object.keys(typed) as Array<keyof Values>) {
      if (JSON.stringify(typed[k] ?? null) !== JSON.stringify(startedFrom[k] ?? null)) {
        (merged as Record<string, unknown>)[k] = typed[k];
      }
    }
    form.setFieldsValue(merged);
    setBase(stale);
    setVersion(stale.version);
    setStale(null);
    void message.info(t('uikit.stale.kept'));
  };
  const handleReload = () => {
    if (!stale) return;
    form.setFieldsValue(valuesOf(stale));
    setBase(stale);
    setVersion(stale.version);
    setStale(null);
    void message.info(t('uikit.stale.reloaded'));
  };

  const diffs = (): StaleDiff[] => {
    if (!stale) return [];
    const mine = payloadOf({ ...valuesOf(null), ...form.getFieldsValue(true) } as Values);
    const theirs = payloadOf(valuesOf(stale));
    const show = (k: keyof EnterpriseCreate, v: EnterpriseCreate): string => {
      const x = v[k];
      if (k === 'ownership') return x ? t(`enterprises.ownership.${x as Ownership}`) : '—';
      if (k === 'tags') return (v.tags ?? []).map(tagLabel).join('、') || '—';
      if (k === 'contacts') return (v.contacts ?? []).map((c) => c.name).join('、') || '—';
      return x === null || x === undefined || x === '' ? '—' : String(x);
    };
    const keys: Array<[keyof EnterpriseCreate, string]> = [
      ['name', t('enterprises.fields.name')],
      ['uscc', t('enterprises.fields.uscc')],
      ['country', t('enterprises.fields.country')],
      ['ownership', t('enterprises.fields.ownership')],
      ['hq_region', t('enterprises.fields.hqRegion')],
      ['industry', t('enterprises.fields.industry')],
      ['tags', t('enterprises.fields.tags')],
      ['contacts', t('enterprises.fields.contacts')],
      ['notes', t('enterprises.fields.notes')],
    ];
    const original = payloadOf(valuesOf(base));
    return keys
      .filter(([k]) => show(k, mine) !== show(k, theirs))
      .map(([k, label]) => ({
        key: k,
        label,
        theirs: show(k, theirs),
        mine:
          show(k, mine) !== show(k, original) ? (
            <Typography.Text strong>{show(k, mine)}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">
              {show(k, mine)} · {t('projects.form.notEdited')}
            </Typography.Text>
          ),
      }));
  };

  const span = compact ? 24 : 12;
  const saving = create.isPending || update.isPending;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="enterprise-form"
      onFinish={handleFinish}
      initialValues={valuesOf(enterprise, initialName)}
      scrollToFirstError
    >
      {stale ? (
        <StaleVersionAlert
          updatedAt={stale.updated_at}
          diffs={diffs()}
          onKeepMine={handleKeepMine}
          onReload={handleReload}
        />
      ) : null}
      {duplicate ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="duplicate-alert"
          title={t('enterprises.form.duplicate', { uscc: duplicate.uscc, name: duplicate.name })}
          action={
            <Flex vertical gap={4}>
              <Link to={`/enterprises/${duplicate.id}`}>{t('enterprises.form.openExisting')}</Link>
              {onUseExisting ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() =>
                    onUseExisting({ id: duplicate.id, name: duplicate.name, uscc: duplicate.uscc })
                  }
                >
                  {t('enterprises.form.useExisting')}
                </Button>
              ) : null}
            </Flex>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col span={compact ? 24 : 16}>
          <Form.Item
            name="name"
            label={t('enterprises.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('enterprises.form.nameRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={compact ? 24 : 8}>
          <Form.Item
            name="ownership"
            label={t('enterprises.fields.ownership')}
            rules={[{ required: true, message: t('enterprises.form.ownershipRequired') }]}
          >
            <Select options={OWNERSHIPS.map((o) => ({ value: o, label: t(`enterprises.ownership.${o}`) }))} />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item
            name="uscc"
            label={t('enterprises.fields.uscc')}
            dependencies={['country']}
            required={domestic}
            rules={[
              {
                validator: async (_r, v: string | undefined) => {
                  if (v) {
                    const err = usccError(v);
                    if (err) throw new Error(err);
                    return;
                  }
                  const c = form.getFieldValue('country') as string | undefined;
                  if (!c || c === 'CN') throw new Error(t('enterprises.form.usccOrCountry'));
                },
              },
            ]}
          >
            <UsccInput />
          </Form.Item>
        </Col>
        <Col span={compact ? 12 : 6}>
          <Form.Item name="country" label={t('enterprises.fields.country')}>
            <CountrySelect placeholder={t('enterprises.form.countryPlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={compact ? 12 : 6}>
          <Form.Item name="hq_region" label={t('enterprises.fields.hqRegion')}>
            <RegionSelect placeholder={t('enterprises.form.hqPlaceholder')} disabled={!domestic} />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item name="industry" label={t('enterprises.fields.industry')}>
            <IndustrySelect />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item
            name="tags"
            label={t('enterprises.fields.tags')}
            rules={[
              {
                validator: async (_r, v: EnterpriseTagValue[] | undefined) => {
                  const bad = (v ?? []).find(
                    (x) => x.tag === 'private500' && (x.year === undefined || x.rank === undefined),
                  );
                  if (bad) throw new Error(t('enterprises.tagRankRequired'));
                  for (const x of v ?? []) {
                    if (!RANKED_TAGS.includes(x.tag) && (x.year !== undefined || x.rank !== undefined))
                      throw new Error(t('enterprises.tagRankRequired'));
                  }
                },
              },
            ]}
          >
            <TagsEditor />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t('enterprises.fields.contacts')}>
            <ContactsEditor />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t('enterprises.fields.notes')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} disabled={!!stale}>
          {enterprise ? t('common.save') : t('common.create')}
        </Button>
      </Flex>
    </Form>
  );
}
