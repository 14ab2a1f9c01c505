import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { NON_NEGATIVE_MONEY_PATTERN } from '../../../../shared/money.ts';
import { inRegion } from '../../../../shared/regions.ts';
import {
  INTRODUCER_KINDS,
  KEY_LEVELS,
  type IntroducerKind,
  type KeyLevel,
  type ProjectCreate,
  type ProjectPatch,
} from '../../../../shared/schemas/projects.ts';
import { isApiError } from '../../../api/client.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { CountrySelect } from '../../../ui/CountrySelect.tsx';
import { IndustrySelect } from '../../../ui/IndustrySelect.tsx';
import { formatMoney } from '../../../ui/Money.tsx';
import { RegionSelect } from '../../../ui/RegionSelect.tsx';
import { StaleVersionAlert, type StaleDiff } from '../../../ui/StaleVersionAlert.tsx';
import { EnterpriseFormModal } from '../../enterprises/components/EnterpriseFormModal.tsx';
import { EnterpriseSelect, type EnterpriseBrief } from '../../enterprises/components/EnterpriseSelect.tsx';
import { useUnits } from '../../units/hooks/useUnits.ts';
import { useCreateProject, useUpdateProject } from '../hooks/useProjects.ts';
import { useLeaders } from '../hooks/useLeaders.ts';
import type { ProjectDto } from '../types.ts';

type CapitalChoice = 'auto' | 'domestic' | 'foreign';
type KeyChoice = 'none' | KeyLevel;

interface Values {
  name: string;
  investor_id: string | null;
  origin_kind: 'region' | 'country';
  origin_region: string | null;
  origin_country?: string;
  capital_kind: CapitalChoice;
  industry: string | null;
  region: string | null;
  unit_id?: string | null;
  carrier?: string;
  planned_amount?: string;
  contracted_amount?: string;
  key_level: KeyChoice;
  major: boolean;
  guarantor_id?: string | null;
  responsible_unit_id?: string | null;
  introducer?: string;
  introducer_kind?: IntroducerKind | null;
  expected_landing_date?: Dayjs | null;
  notes?: string;
  polluting: boolean;
  outdated_capacity: boolean;
}

const isCountry = (o: string) => /^[A-Z]{2}$/.test(o);

function valuesOf(p: ProjectDto | null, defaults: Partial<Values> = {}): Values {
  if (!p)
    return {
      name: '',
      investor_id: null,
      origin_kind: 'region',
      origin_region: null,
      capital_kind: 'auto',
      industry: null,
      region: null,
      unit_id: null,
      planned_amount: '',
      contracted_amount: '',
      key_level: 'none',
      major: false,
      guarantor_id: null,
      responsible_unit_id: null,
      introducer_kind: null,
      expected_landing_date: null,
      polluting: false,
      outdated_capacity: false,
      ...defaults,
    };
  return {
    name: p.name,
    investor_id: p.investor_id,
    origin_kind: isCountry(p.origin) ? 'country' : 'region',
    origin_region: isCountry(p.origin) ? null : p.origin,
    origin_country: isCountry(p.origin) ? p.origin : undefined,
    capital_kind: p.capital_kind,
    industry: p.industry,
    region: p.region,
    unit_id: p.unit_id,
    carrier: p.carrier ?? '',
    planned_amount: p.planned_amount,
    contracted_amount: p.contracted_amount ?? '',
    key_level: p.key_level ?? 'none',
    major: p.major,
    guarantor_id: p.guarantor_id,
    responsible_unit_id: p.responsible_unit_id,
    introducer: p.introducer ?? '',
    introducer_kind: p.introducer_kind,
    expected_landing_date: p.expected_landing_date ? dayjs(p.expected_landing_date) : null,
    notes: p.notes ?? '',
    polluting: p.polluting,
    outdated_capacity: p.outdated_capacity,
  };
}

const text = (s: string | null | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};

/** The form's values as the API's create body (empty optional fields as null, amounts as typed strings). */
function payloadOf(v: Values): ProjectCreate {
  const origin = v.origin_kind === 'country' ? v.origin_country : (v.origin_region ?? undefined);
  return {
    name: v.name.trim(),
    investor_id: v.investor_id ?? '',
    region: v.region ?? '',
    industry: v.industry ?? '',
    origin: origin || undefined,
    capital_kind: v.capital_kind === 'auto' ? undefined : v.capital_kind,
    unit_id: v.unit_id ?? null,
    carrier: text(v.carrier),
    planned_amount: text(v.planned_amount) ?? undefined,
    contracted_amount: text(v.contracted_amount),
    key_level: v.key_level === 'none' ? null : v.key_level,
    major: v.major,
    guarantor_id: v.guarantor_id ?? null,
    responsible_unit_id: v.responsible_unit_id ?? null,
    introducer: text(v.introducer),
    introducer_kind: v.introducer_kind ?? null,
    expected_landing_date: v.expected_landing_date ? v.expected_landing_date.format('YYYY-MM-DD') : null,
    notes: text(v.notes),
    polluting: v.polluting,
    outdated_capacity: v.outdated_capacity,
  };
}

type Field = keyof ProjectCreate;
const FIELDS: Field[] = [
  'name',
  'investor_id',
  'origin',
  'capital_kind',
  'industry',
  'region',
  'unit_id',
  'carrier',
  'planned_amount',
  'contracted_amount',
  'key_level',
  'major',
  'guarantor_id',
  'responsible_unit_id',
  'introducer',
  'introducer_kind',
  'expected_landing_date',
  'notes',
  'polluting',
  'outdated_capacity',
];
/** Amounts compare as numbers of cents written out, not as text: "12" equals "12.00". */
const canon = (f: Field, v: unknown) =>
  (f === 'planned_amount' || f === 'contracted_amount') && typeof v === 'string' ? formatMoney(v) : v;
const same = (f: Field, a: unknown, b: unknown) =>
  JSON.stringify(canon(f, a) ?? null) === JSON.stringify(canon(f, b) ?? null);

/** The fields of `mine` that differ from `base` (what a PATCH must carry). */
function changedFields(mine: ProjectCreate, base: ProjectCreate): Partial<ProjectCreate> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    if (mine[f] === undefined) continue; // origin / capital kind left to the server: keep the stored value
    if (!same(f, mine[f], base[f])) out[f] = mine[f];
  }
  return out as Partial<ProjectCreate>;
}

export interface ProjectFormProps {
  /** The project to edit; a new project when null. */
  project: ProjectDto | null;
  /** Preset values of a new project (e.g. `?investor_id=` from an enterprise page). */
  defaults?: Partial<Values>;
  initialInvestor?: EnterpriseBrief | null;
  onSaved: (p: ProjectDto) => void;
  onCancel: () => void;
}

/**
 * Create or edit a project (SPEC §3.1). Amounts stay decimal strings (≤ 2 decimals, never floats); an edit
 * sends only the changed fields with the version it started from; a 409 shows both versions and keeps what
 * was typed until the user chooses. Leaving with unsaved changes asks first.
 */
export function ProjectForm({ project, defaults, initialInvestor, onSaved, onCancel }: ProjectFormProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const { handleFormError } = useApiError();
  const [form] = Form.useForm<Values>();
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? '');
  const units = useUnits();
  const leaders = useLeaders();
  const [base, setBase] = useState<ProjectDto | null>(project);
  const [version, setVersion] = useState(project?.version);
  const [stale, setStale] = useState<ProjectDto | null>(null);
  const [dirty, setDirty] = useState(false);
  const [investor, setInvestor] = useState<EnterpriseBrief | null>(
    initialInvestor ??
      (project
        ? { id: project.investor_id, name: project.investor_name, uscc: project.investor_uscc }
        : null),
  );
  const [creating, setCreating] = useState<{ name: string } | null>(null);
  const saved = useRef(false);

  const originKind = Form.useWatch('origin_kind', form) ?? 'region';
  const originRegion = Form.useWatch('origin_region', form);
  const capital = Form.useWatch('capital_kind', form) ?? 'auto';
  const region = Form.useWatch('region', form);
  const foreign =
    capital === 'foreign' ||
    (capital === 'auto' &&
      (originKind === 'country' || ['71', '81', '82'].includes((originRegion ?? '').slice(0, 2))));
  const unitSuffix = foreign ? t('projects.form.amountUnitForeign') : t('projects.form.amountUnitDomestic');

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !saved.current && currentLocation.pathname !== nextLocation.pathname,
  );
  const blockerRef = useRef(blocker);
  blockerRef.current = blocker;
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('projects.form.leaveConfirm'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => blockerRef.current.proceed?.(),
      onCancel: () => blockerRef.current.reset?.(),
    });
  }, [blocker.state, modal, t]);

  const allUnits = units.data?.items ?? [];
  const landingUnits = allUnits.filter(
    (u) => !region || inRegion(region, u.region) || inRegion(u.region, region),
  );
  const unitLabel = (u: { name: string; region_name: string | null }) =>
    u.region_name ? `${u.name}（${u.region_name}）` : u.name;
  const guarantorOptions = leaders.available
    ? leaders.leaders.map((l) => ({
        value: l.id,
        label: l.unit_name ? `${l.display_name}（${l.unit_name}）` : l.display_name,
      }))
    : project?.guarantor_id
      ? [{ value: project.guarantor_id, label: project.guarantor_name ?? project.guarantor_id }]
      : [];

  const handleFinish = async (values: Values) => {
    const mine = payloadOf(values);
    try {
      let result: ProjectDto;
      if (project && base) {
        const patch = changedFields(mine, payloadOf(valuesOf(base)));
        if (!Object.keys(patch).length) {
          saved.current = true;
          onSaved(base);
          return;
        }
        result = await update.mutateAsync({ ...patch, version: version ?? base.version } as ProjectPatch);
        void message.success(t('projects.form.saved'));
      } else {
        result = await create.mutateAsync(mine);
        void message.success(t('projects.form.created'));
      }
      saved.current = true;
      onSaved(result);
    } catch (e) {
      if (isApiError(e) && e.isStale) {
        const current = (e.details as { current?: ProjectDto | null } | undefined)?.current ?? null;
        if (current) setStale(current);
        return;
      }
      handleFormError(form, e, { origin: 'origin_region' });
    }
  };

  const staleDiffs = (): StaleDiff[] => {
    if (!stale || !base) return [];
    const mine = payloadOf(form.getFieldsValue(true) as Values);
    const theirs = payloadOf(valuesOf(stale));
    const original = payloadOf(valuesOf(base));
    const show = (f: Field, p: ProjectCreate, dto: ProjectDto | null): string => {
      const v = p[f];
      if (v === null || v === undefined || v === '') return '—';
      if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
      if (f === 'investor_id')
        return dto?.investor_id === v ? dto.investor_name : investor?.id === v ? investor.name : String(v);
      if (f === 'key_level') return t(`projects.keyLevel.${v as KeyLevel}`);
      if (f === 'capital_kind') return t(`projects.capitalKind.${v as 'domestic' | 'foreign'}`);
      if (f === 'introducer_kind') return t(`projects.introducerKind.${v as IntroducerKind}`);
      if (f === 'unit_id' || f === 'responsible_unit_id')
        return allUnits.find((u) => u.id === v)?.name ?? String(v);
      if (f === 'guarantor_id')
        return dto?.guarantor_id === v ? (dto.guarantor_name ?? String(v)) : String(v);
      if (f === 'region' && dto?.region === v) return dto.region_name ?? String(v);
      if (f === 'industry' && dto?.industry === v) return `${dto.industry_name ?? ''}（${String(v)}）`;
      if (f === 'origin' && dto?.origin === v) return dto.origin_name ?? String(v);
      if (f === 'planned_amount' || f === 'contracted_amount') return formatMoney(String(v));
      return String(v);
    };
    const labels: Record<Field, string> = {
      name: t('projects.fields.name'),
      investor_id: t('projects.fields.investor'),
      origin: t('projects.fields.origin'),
      capital_kind: t('projects.fields.capitalKind'),
      industry: t('projects.fields.industry'),
      region: t('projects.fields.region'),
      unit_id: t('projects.fields.unit'),
      carrier: t('projects.fields.carrier'),
      planned_amount: t('projects.fields.plannedAmount'),
      contracted_amount: t('projects.fields.contractedAmount'),
      key_level: t('projects.fields.keyLevel'),
      major: t('projects.fields.major'),
      guarantor_id: t('projects.fields.guarantor'),
      responsible_unit_id: t('projects.fields.responsibleUnit'),
      introducer: t('projects.fields.introducer'),
      introducer_kind: t('projects.fields.introducerKind'),
      expected_landing_date: t('projects.fields.expectedLandingDate'),
      notes: t('projects.fields.notes'),
      polluting: t('projects.fields.polluting'),
      outdated_capacity: t('projects.fields.outdatedCapacity'),
    };
    const typed = {
      ...original,
      ...Object.fromEntries(Object.entries(mine).filter(([, v]) => v !== undefined)),
    };
    return FIELDS.filter((f) => !same(f, typed[f], theirs[f])).map((f) => {
      const edited = !same(f, typed[f], original[f]);
      return {
        key: f,
        label: labels[f],
        theirs: show(f, theirs, stale),
        mine: edited ? (
          <Typography.Text strong>{show(f, typed as ProjectCreate, base)}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">
            {show(f, typed as ProjectCreate, base)} · {t('projects.form.notEdited')}
          </Typography.Text>
        ),
      };
    });
  };

  /** Keep what the user changed (against the version they started from), on top of the newest version. */
  const handleKeepMine = () => {
    if (!stale || !base) return;
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
    setDirty(false);
    void message.info(t('uikit.stale.reloaded'));
  };

  const handleInvestorPicked = (e: EnterpriseBrief) => {
    setInvestor(e);
    form.setFieldValue('investor_id', e.id);
    void form.validateFields(['investor_id']);
    setCreating(null);
    setDirty(true);
  };

  const moneyRules = (required: boolean) => [
    ...(required ? [{ required: true, message: t('projects.form.amountInvalid') }] : []),
    { pattern: NON_NEGATIVE_MONEY_PATTERN, message: t('projects.form.amountInvalid') },
  ];
  const normalizeMoney = (v: string | undefined) => (v ?? '').replace(/[,，\s]/g, '');
  const isDepartment = me.role === 'department';
  const saving = create.isPending || update.isPending;

  return (
    <>
      <Form<Values>
        form={form}
        layout="vertical"
        name="project-form"
        initialValues={valuesOf(project, defaults)}
        onFinish={handleFinish}
        onValuesChange={() => setDirty(true)}
        scrollToFirstError
        requiredMark
      >
        {stale ? (
          <StaleVersionAlert
            updatedAt={stale.updated_at}
            diffs={staleDiffs()}
            onKeepMine={handleKeepMine}
            onReload={handleReload}
          />
        ) : null}
        <Card size="small" title={t('projects.form.sectionBasic')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="name"
                label={t('projects.fields.name')}
                rules={[
                  { required: true, whitespace: true, message: t('projects.form.nameRequired') },
                  { max: 200, message: t('projects.form.nameTooLong') },
                ]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="investor_id"
                label={t('projects.fields.investor')}
                rules={[{ required: true, message: t('projects.form.investorRequired') }]}
                extra={t('projects.form.investorNotFound')}
              >
                <EnterpriseSelect
                  initial={investor}
                  placeholder={t('projects.form.investorSearch')}
                  onChange={(_id, e) => setInvestor(e ?? null)}
                  onCreate={(typed) => setCreating({ name: typed })}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="origin_kind" label={t('projects.form.originKind')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'region', label: t('projects.form.originDomestic') },
                    { value: 'country', label: t('projects.form.originForeign') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={9}>
              {originKind === 'country' ? (
                <Form.Item
                  name="origin_country"
                  label={t('projects.form.originCountry')}
                  extra={project ? undefined : t('projects.form.originHint')}
                >
                  <CountrySelect excludeChina placeholder={t('projects.form.countryPlaceholder')} />
                </Form.Item>
              ) : (
                <Form.Item
                  name="origin_region"
                  label={t('projects.form.originRegion')}
                  extra={project ? undefined : t('projects.form.originHint')}
                >
                  <RegionSelect />
                </Form.Item>
              )}
            </Col>
            <Col span={9}>
              <Form.Item
                name="capital_kind"
                label={t('projects.fields.capitalKind')}
                extra={t('projects.form.capitalKindHint')}
              >
                <Select
                  options={[
                    ...(project ? [] : [{ value: 'auto', label: t('projects.form.capitalKindAuto') }]),
                    { value: 'domestic', label: t('projects.capitalKind.domestic') },
                    { value: 'foreign', label: t('projects.capitalKind.foreign') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('projects.form.sectionLanding')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                name="region"
                label={t('projects.fields.region')}
                rules={[{ required: true, message: t('projects.form.regionRequired') }]}
              >
                <RegionSelect root={me.region ?? me.root_region} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="unit_id" label={t('projects.fields.unit')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('projects.form.unitPlaceholder')}
                  loading={units.isPending}
                  options={landingUnits.map((u) => ({ value: u.id, label: unitLabel(u) }))}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="carrier" label={t('projects.fields.carrier')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="industry"
                label={t('projects.fields.industry')}
                rules={[{ required: true, message: t('projects.form.industryRequired') }]}
              >
                <IndustrySelect />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="expected_landing_date" label={t('projects.fields.expectedLandingDate')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('projects.form.sectionAmounts')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="planned_amount"
                label={t('projects.fields.plannedAmount')}
                rules={moneyRules(true)}
                normalize={normalizeMoney}
              >
                <Input
                  inputMode="decimal"
                  suffix={unitSuffix}
                  placeholder={t('projects.form.plannedPlaceholder')}
                  style={{ textAlign: 'right' }}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="contracted_amount"
                label={t('projects.fields.contractedAmount')}
                rules={moneyRules(false)}
                normalize={normalizeMoney}
              >
                <Input inputMode="decimal" suffix={unitSuffix} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('projects.form.sectionResponsibility')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="key_level" label={t('projects.fields.keyLevel')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'none', label: t('projects.keyLevel.none') },
                    ...KEY_LEVELS.map((k) => ({ value: k, label: t(`projects.keyLevel.${k}`) })),
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="major" label={t('projects.fields.major')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="guarantor_id"
                label={t('projects.fields.guarantor')}
                extra={leaders.available ? undefined : t('projects.form.guarantorUnavailable')}
              >
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={!leaders.available}
                  loading={leaders.loading}
                  placeholder={t('projects.form.guarantorPlaceholder')}
                  options={guarantorOptions}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="responsible_unit_id"
                label={t('projects.fields.responsibleUnit')}
                extra={isDepartment ? t('projects.form.departmentHint') : undefined}
              >
                <Select
                  allowClear={!isDepartment}
                  disabled={isDepartment}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('projects.form.responsiblePlaceholder')}
                  loading={units.isPending}
                  options={allUnits.map((u) => ({ value: u.id, label: unitLabel(u) }))}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="introducer_kind" label={t('projects.fields.introducerKind')}>
                <Select
                  allowClear
                  options={INTRODUCER_KINDS.map((k) => ({
                    value: k,
                    label: t(`projects.introducerKind.${k}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="introducer" label={t('projects.fields.introducer')}>
                <Input maxLength={200} placeholder={t('projects.form.introducerPlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('projects.form.sectionScreening')} style={{ marginBottom: 12 }}>
          <Flex gap={24} align="center" wrap style={{ marginBottom: 8 }}>
            <Form.Item name="polluting" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>{t('projects.fields.polluting')}</Checkbox>
            </Form.Item>
            <Form.Item name="outdated_capacity" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox>{t('projects.fields.outdatedCapacity')}</Checkbox>
            </Form.Item>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('projects.form.screeningHint')}
            </Typography.Text>
          </Flex>
          <Form.Item name="notes" label={t('projects.fields.notes')} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={3} maxLength={4000} placeholder={t('projects.form.notesPlaceholder')} />
          </Form.Item>
        </Card>
        <Flex
          gap={8}
          justify="flex-end"
          style={{ position: 'sticky', bottom: 0, padding: '12px 0', background: '#f5f5f5', zIndex: 2 }}
        >
          <Button onClick={onCancel}>{t('projects.form.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!!stale}>
            {project ? t('projects.form.save') : t('projects.form.create')}
          </Button>
        </Flex>
      </Form>
      {creating ? (
        <EnterpriseFormModal
          open
          initialName={creating.name}
          onClose={() => setCreating(null)}
          onPicked={handleInvestorPicked}
        />
      ) : null}
    </>
  );
}
