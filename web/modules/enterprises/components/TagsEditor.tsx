import { Checkbox, Flex, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENTERPRISE_TAGS, RANKED_TAGS, type EnterpriseTag } from '../../../../shared/schemas/enterprises.ts';
import type { EnterpriseTagValue } from '../types.ts';

export interface TagsEditorProps {
  id?: string;
  value?: EnterpriseTagValue[];
  onChange?: (tags: EnterpriseTagValue[]) => void;
  disabled?: boolean;
}

/** The investor tags (央企一级总部 … 上市公司); ranked lists (民营500强, 世界500强) with year and rank. */
export function TagsEditor({ id, value = [], onChange, disabled }: TagsEditorProps) {
  const { t } = useTranslation();
  const byTag = new Map(value.map((v) => [v.tag, v]));

  const handleToggle = (tag: EnterpriseTag, on: boolean) => {
    const next = on ? [...value, { tag }] : value.filter((v) => v.tag !== tag);
    onChange?.(ENTERPRISE_TAGS.flatMap((k) => next.filter((v) => v.tag === k)));
  };
  const handleNumber = (tag: EnterpriseTag, field: 'year' | 'rank', n: number | null) => {
    onChange?.(
      value.map((v) => {
        if (v.tag !== tag) return v;
        const { [field]: _drop, ...rest } = v;
        return n === null ? rest : { ...rest, [field]: n };
      }),
    );
  };

  return (
    <div
      id={id}
      role="group"
      aria-label={t('enterprises.fields.tags')}
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
        columnGap: 16,
        rowGap: 4,
      }}
    >
      {ENTERPRISE_TAGS.map((tag) => {
        const v = byTag.get(tag);
        const ranked = RANKED_TAGS.includes(tag);
        return (
          <Flex key={tag} align="center" gap={8} wrap style={{ minHeight: 32 }}>
            <Checkbox
              checked={!!v}
              disabled={disabled}
              onChange={(e) => handleToggle(tag, e.target.checked)}
              style={{ minWidth: 120 }}
            >
              {t(`enterprises.tag.${tag}`)}
            </Checkbox>
            {ranked && v ? (
              <>
                <InputNumber
                  size="small"
                  min={1990}
                  max={2100}
                  precision={0}
                  value={v.year ?? null}
                  onChange={(n) => handleNumber(tag, 'year', n)}
                  aria-label={`${t(`enterprises.tag.${tag}`)} ${t('enterprises.tagYear')}`}
                  placeholder={t('enterprises.tagYear')}
                  style={{ width: 96 }}
                  disabled={disabled}
                />
                <InputNumber
                  size="small"
                  min={1}
                  max={500}
                  precision={0}
                  value={v.rank ?? null}
                  onChange={(n) => handleNumber(tag, 'rank', n)}
                  aria-label={`${t(`enterprises.tag.${tag}`)} ${t('enterprises.tagRank')}`}
                  placeholder={t('enterprises.tagRank')}
                  style={{ width: 96 }}
                  disabled={disabled}
                />
              </>
            ) : null}
          </Flex>
        );
      })}
    </div>
  );
}

/** A tag as text: “民营500强（2025 年第 12 名）”. */
export function useTagLabel() {
  const { t } = useTranslation();
  return (v: EnterpriseTagValue) => {
    const name = t(`enterprises.tag.${v.tag}`);
    return v.year !== undefined && v.rank !== undefined
      ? t('enterprises.tagRanked', { tag: name, year: v.year, rank: v.rank })
      : name;
  };
}
