import { Collapse, Flex, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonValue } from '../../../api/types.ts';

interface DiffRow {
  field: string;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
  changed: boolean;
}

function asObject(v: JsonValue): Record<string, JsonValue> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
}

/** The fields of a before/after pair, changed ones first-class. Non-object values count as one field. */
export function diffRows(before: JsonValue, after: JsonValue): DiffRow[] {
  const b = asObject(before);
  const a = asObject(after);
  if (!b && !a) {
    if (before === null && after === null) return [];
    return [{ field: '', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys.map((field) => {
    const bv = b ? b[field] : undefined;
    const av = a ? a[field] : undefined;
    return { field, before: bv, after: av, changed: JSON.stringify(bv) !== JSON.stringify(av) };
  });
}

function show(v: JsonValue | undefined) {
  if (v === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (v === null) return <Typography.Text type="secondary">null</Typography.Text>;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return (
    <span style={{ wordBreak: 'break-all', fontFamily: typeof v === 'string' ? undefined : 'monospace' }}>
      {text}
    </span>
  );
}

export interface AuditDiffProps {
  before: JsonValue;
  after: JsonValue;
}

/** Before/after of one audit entry as a field table (changes highlighted), with the raw JSON below. */
export function AuditDiff({ before, after }: AuditDiffProps) {
  const { t } = useTranslation();
  const [changedOnly, setChangedOnly] = useState(true);
  const rows = diffRows(before, after);
  const shown = changedOnly ? rows.filter((r) => r.changed) : rows;

  return (
    <div style={{ padding: '4px 8px' }} data-testid="audit-diff">
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <Switch
          size="small"
          checked={changedOnly}
          onChange={setChangedOnly}
          aria-label={t('audit.changedOnly')}
        />
        <Typography.Text type="secondary">{t('audit.changedOnly')}</Typography.Text>
      </Flex>
      {shown.length ? (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={shown}
          columns={[
            {
              title: t('audit.field'),
              dataIndex: 'field',
              key: 'field',
              width: 180,
              render: (f: string) => <code>{f || '—'}</code>,
            },
            {
              title: t('audit.before'),
              key: 'before',
              render: (_: unknown, r) => (
                <span
                  style={
                    r.changed
                      ? {
                          background: '#fff1f0',
                          textDecoration: r.after === undefined ? 'line-through' : undefined,
                        }
                      : undefined
                  }
                >
                  {show(r.before)}
                </span>
              ),
            },
            {
              title: t('audit.after'),
              key: 'after',
              render: (_: unknown, r) => (
                <span style={r.changed ? { background: '#f6ffed' } : undefined}>{show(r.after)}</span>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>
      )}
      <Collapse
        ghost
        size="small"
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'raw',
            label: t('audit.rawJson'),
            children: (
              <Flex gap={12}>
                {[
                  { label: t('audit.before'), v: before },
                  { label: t('audit.after'), v: after },
                ].map((x) => (
                  <div key={x.label} style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text type="secondary">{x.label}</Typography.Text>
                    <pre
                      style={{
                        background: '#fafafa',
                        padding: 8,
                        margin: 0,
                        fontSize: 12,
                        overflow: 'auto',
                        maxHeight: 240,
                      }}
                    >
                      {JSON.stringify(x.v, null, 2)}
                    </pre>
                  </div>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </div>
  );
}
