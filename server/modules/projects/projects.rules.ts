import type { Stage } from '../../../shared/enums.ts';
import {
  PIPELINE,
  STAGE_LABELS,
  beyondScreeningLimit,
  needsEvidence,
  stageIndex,
} from '../../../shared/schemas/projects.ts';

/**
 * The stage rules of the pipeline (SPEC §3.1, seed 001 §3 "压茬推进"), as a pure function so that each
 * rule has a name the client can show and a test can hit.
 *
 * - Forward one stage at a time: lead → negotiating → signed → registered → construction → operating.
 *   Skipping is refused: each stage is a step the office counts (签约, 注册, 开工, 投产) and needs its own
 *   date and evidence, so a project that signed and registered the same day records two transitions.
 * - Never backward; a stage cannot be "re-entered".
 * - `dropped` (终止) from any live stage, with a reason; dropped is final.
 * - The date is not in the future (China time) and not before the current stage's date.
 * - From `signed` on, at least one evidence file the caller may see.
 * - 生态底线: a project flagged polluting or outdated capacity does not pass `negotiating` unless an
 *   office/admin user gives an override reason (kept on the project; later steps need no new one).
 */
export type TransitionRule =
  | 'dropped_is_final'
  | 'same_stage'
  | 'drop_reason_required'
  | 'no_backward'
  | 'one_step_at_a_time'
  | 'date_in_future'
  | 'date_before_current_stage'
  | 'evidence_required'
  | 'screening'
  | 'screening_override_role';

export interface TransitionCheck {
  from: Stage;
  to: Stage;
  date: string;
  today: string;
  currentStageDate: string | null;
  note: string | undefined;
  evidenceCount: number;
  flagged: { polluting: boolean; outdated_capacity: boolean };
  /** an override already recorded on the project */
  overridden: boolean;
  overrideReason: string | undefined;
  actorMayOverride: boolean;
}

export type TransitionVerdict =
  { ok: true; appliesOverride: boolean } | { ok: false; rule: TransitionRule; message: string };

const label = (s: Stage) => `${STAGE_LABELS[s]}（${s}）`;

export function checkTransition(c: TransitionCheck): TransitionVerdict {
  const refuse = (rule: TransitionRule, message: string): TransitionVerdict => ({ ok: false, rule, message });
  if (c.from === 'dropped') return refuse('dropped_is_final', '项目已终止，不能再变更阶段');
  if (c.to === c.from) return refuse('same_stage', `项目已处于${label(c.to)}阶段`);
  if (c.to === 'dropped') {
    if (!c.note?.trim()) return refuse('drop_reason_required', '终止项目须在备注中说明原因');
  } else {
    const from = stageIndex(c.from);
    const to = stageIndex(c.to);
    if (to < from) return refuse('no_backward', `阶段不能倒退：${label(c.from)} → ${label(c.to)}`);
    if (to > from + 1) {
      return refuse(
        'one_step_at_a_time',
        `须逐级推进（压茬推进）：${label(c.from)}之后是${label(PIPELINE[from + 1])}，不能直接到${label(c.to)}`,
      );
    }
  }
  if (c.date > c.today) return refuse('date_in_future', `日期 ${c.date} 晚于今天（${c.today}，北京时间）`);
  if (c.currentStageDate && c.date < c.currentStageDate) {
    return refuse('date_before_current_stage', `日期 ${c.date} 早于当前阶段的日期 ${c.currentStageDate}`);
  }
  if (needsEvidence(c.to) && c.evidenceCount === 0) {
    return refuse(
      'evidence_required',
      `推进到${label(c.to)}须至少上传一份证明材料（合同、执照、开工或投产证明等）`,
    );
  }
  let appliesOverride = false;
  if (beyondScreeningLimit(c.to) && (c.flagged.polluting || c.flagged.outdated_capacity) && !c.overridden) {
    const what = [c.flagged.polluting ? '涉及污染' : '', c.flagged.outdated_capacity ? '属落后产能' : '']
      .filter(Boolean)
      .join('、');
    if (!c.overrideReason) {
      return refuse(
        'screening',
        `生态底线：项目${what}，未经合作交流办填写豁免理由，不能推进到在谈之后的阶段`,
      );
    }
    if (!c.actorMayOverride) {
      return refuse('screening_override_role', '生态底线的豁免只能由合作交流办（office）或管理员作出');
    }
    appliesOverride = true;
  }
  return { ok: true, appliesOverride };
}
