import { useTranslation } from 'react-i18next';
import type { ProjectDto } from '../types.ts';

/** 万元 or 万美元: the unit of a project's amounts follows its capital kind. */
export function moneyUnit(p: Pick<ProjectDto, 'capital_kind'>): 'yuan10k' | 'usd10k' {
  return p.capital_kind === 'foreign' ? 'usd10k' : 'yuan10k';
}

/** “涉及污染、属落后产能” for a flagged project; empty when it is not flagged. */
export function useScreeningText() {
  const { t } = useTranslation();
  return (p: Pick<ProjectDto, 'polluting' | 'outdated_capacity'>) =>
    [
      p.polluting ? t('projects.fields.polluting') : '',
      p.outdated_capacity ? t('projects.fields.outdatedCapacity') : '',
    ]
      .filter(Boolean)
      .join(t('projects.sep'));
}
