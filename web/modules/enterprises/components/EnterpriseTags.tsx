import { Tag } from 'antd';
import type { EnterpriseTag } from '../../../../shared/schemas/enterprises.ts';
import type { EnterpriseTagValue } from '../types.ts';
import { useTagLabel } from './TagsEditor.tsx';

const COLORS: Record<EnterpriseTag, string> = {
  central_hq: 'red',
  regional_hq: 'volcano',
  settlement_center: 'orange',
  private500: 'gold',
  global500: 'purple',
  listed: 'blue',
};

/** The tags of an enterprise as coloured labels, ranked ones with year and rank. */
export function EnterpriseTags({ tags }: { tags: EnterpriseTagValue[] }) {
  const label = useTagLabel();
  if (!tags.length) return <span>—</span>;
  return (
    <span>
      {tags.map((v) => (
        <Tag key={v.tag} color={COLORS[v.tag]} style={{ marginBottom: 2 }}>
          {label(v)}
        </Tag>
      ))}
    </span>
  );
}
