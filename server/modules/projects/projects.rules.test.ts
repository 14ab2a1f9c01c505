import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../shared/enums.ts';
import { checkTransition, type TransitionCheck } from './projects.rules.ts';

const base: TransitionCheck = {
  from: 'lead',
  to: 'negotiating',
  date: '2026-03-01',
  today: '2026-03-01',
  currentStageDate: null,
  note: undefined,
  evidenceCount: 0,
  flagged: { polluting: false, outdated_capacity: false },
  overridden: false,
  overrideReason: undefined,
  actorMayOverride: false,
};
const rule = (c: Partial<TransitionCheck>) => {
  const v = checkTransition({ ...base, ...c });
  return v.ok ? 'ok' : v.rule;
};

describe('stage rules', () => {
  it('allows exactly the next stage, and dropped from any live stage', () => {
    const order: Stage[] = ['lead', 'negotiating', 'signed', 'registered', 'construction', 'operating'];
    for (const [i, from] of order.entries()) {
      for (const [j, to] of order.entries()) {
        const expected =
          j === i + 1 ? 'ok' : j === i ? 'same_stage' : j < i ? 'no_backward' : 'one_step_at_a_time';
        expect(rule({ from, to, evidenceCount: 1 }), `${from} → ${to}`).toBe(expected);
      }
      expect(rule({ from, to: 'dropped', note: '原因' })).toBe('ok');
      expect(rule({ from, to: 'dropped' })).toBe('drop_reason_required');
    }
    for (const to of [...order, 'dropped' as const])
      expect(rule({ from: 'dropped', to, note: 'x' })).toBe('dropped_is_final');
  });

  it('checks dates against today (China time) and the current stage', () => {
    expect(rule({ date: '2026-03-02' })).toBe('date_in_future');
    expect(rule({ date: '2026-02-28', currentStageDate: '2026-03-01' })).toBe('date_before_current_stage');
    expect(rule({ date: '2026-03-01', currentStageDate: '2026-03-01' })).toBe('ok');
  });

  it('needs evidence from signed on', () => {
    expect(rule({ from: 'negotiating', to: 'signed' })).toBe('evidence_required');
    expect(rule({ from: 'signed', to: 'registered' })).toBe('evidence_required');
    expect(rule({ from: 'negotiating', to: 'signed', evidenceCount: 1 })).toBe('ok');
    expect(rule({ from: 'negotiating', to: 'dropped', note: 'x' })).toBe('ok');
  });

  it('screens polluting and outdated-capacity projects beyond negotiating unless an office overrides', () => {
    const flagged = { polluting: true, outdated_capacity: false };
    expect(rule({ flagged })).toBe('ok');
    const signed = { from: 'negotiating' as const, to: 'signed' as const, evidenceCount: 1, flagged };
    expect(rule(signed)).toBe('screening');
    expect(rule({ ...signed, overrideReason: '理由' })).toBe('screening_override_role');
    const v = checkTransition({ ...base, ...signed, overrideReason: '理由', actorMayOverride: true });
    expect(v).toEqual({ ok: true, appliesOverride: true });
    expect(rule({ ...signed, overridden: true })).toBe('ok');
    expect(rule({ ...signed, flagged: { polluting: false, outdated_capacity: true } })).toBe('screening');
    expect(rule({ ...signed, to: 'dropped', note: 'x' })).toBe('ok');
  });
});
