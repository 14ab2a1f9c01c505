import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../../shared/enums.ts';

export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  negotiating: 'blue',
  signed: 'cyan',
  registered: 'geekblue',
  construction: 'orange',
  operating: 'green',
  dropped: 'red',
};

/** A project stage as a coloured label (线索 … 投产/开业, 终止). */
export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLORS[stage]} style={{ marginInlineEnd: 0 }}>
      {t(`projects.stage.${stage}`)}
    </Tag>
  );
}
