import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../ui/Money.tsx';
import { formatPercent } from '../../../ui/Percent.tsx';
import type { BulletinChange } from '../types.ts';

const RATIOS = new Set(['yoy', 'completion', 'beijing_share']);
const FIELDS = [
  'reported',
  'month',
  'ytd',
  'ytd_prev',
  'yoy',
  'target',
  'completion',
  'behind_schedule',
  'beijing_share',
  'rank',
] as const;
type Field = (typeof FIELDS)[number];
const isField = (f: string): f is Field => (FIELDS as readonly string[]).includes(f);

/** What changed between two published versions, field by field, formatted as the table shows it. */
export function ChangesTable({ changes }: { changes: BulletinChange[] }) {
  const { t } = useTranslation();

  const split = (field: string) => {
    const foreign = field.startsWith('foreign.');
    return { foreign, base: foreign ? field.slice('foreign.'.length) : field };
  };
  const label = (field: string) => {
    const { foreign, base } = split(field);
    const name = isField(base) ? t(`bulletins.fields.${base}`) : base;
    return foreign ? `${t('bulletins.fields.foreignPrefix')}${name}` : name;
  };
  const value = (field: string, v: BulletinChange['from']) => {
    if (v === null) return <Typography.Text type="secondary">—</Typography.Text>;
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'number') return String(v);
    const { base } = split(field);
    return RATIOS.has(base) ? formatPercent(v) : formatMoney(v);
  };

  const columns: TableColumnsType<BulletinChange & { key: string }> = [
    { title: t('bulletins.changeCols.region'), dataIndex: 'name', key: 'name', width: 120 },
    { title: t('bulletins.changeCols.field'), key: 'field', render: (_: unknown, c) => label(c.field) },
    {
      title: t('bulletins.changeCols.from'),
      key: 'from',
      align: 'right',
      render: (_: unknown, c) => <Typography.Text delete>{value(c.field, c.from)}</Typography.Text>,
    },
    {
      title: t('bulletins.changeCols.to'),
      key: 'to',
      align: 'right',
      render: (_: unknown, c) => <Typography.Text strong>{value(c.field, c.to)}</Typography.Text>,
    },
  ];
  return (
    <Table
      size="small"
      columns={columns}
      dataSource={changes.map((c, i) => ({ ...c, key: `${c.region}-${c.field}-${i}` }))}
      pagination={changes.length > 10 ? { pageSize: 10, size: 'small' } : false}
      data-testid="bulletin-changes"
    />
  );
}
