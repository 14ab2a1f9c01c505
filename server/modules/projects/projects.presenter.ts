import { countryName } from '../../../shared/countries.ts';
import type { Stage } from '../../../shared/enums.ts';
import { money, moneyOrNull } from '../../../shared/money.ts';
import type { IntroducerKind, KeyLevel, ProjectDto } from '../../../shared/schemas/projects.ts';
import type { ProjectRow } from './projects.repository.ts';

/** A project row → the API shape of SPEC §4 (money as decimal strings with two decimals). */
export function presentProject(r: ProjectRow, fundsInPlace = '0.00'): ProjectDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    region: r.region,
    region_name: r.region_name,
    unit_id: r.unit_id,
    unit_name: r.unit_name,
    investor_id: r.investor_id,
    investor_name: r.investor_name,
    investor_uscc: r.investor_uscc,
    origin: r.origin,
    origin_name: r.origin_region_name ?? countryName(r.origin),
    origin_province: r.origin_province,
    capital_kind: r.capital_kind,
    industry: r.industry,
    industry_name: r.industry_name,
    carrier: r.carrier,
    planned_amount: money(r.planned_amount),
    contracted_amount: moneyOrNull(r.contracted_amount),
    funds_in_place: money(fundsInPlace),
    stage: r.stage as Stage,
    stage_date: r.stage_date,
    key_level: r.key_level as KeyLevel | null,
    major: r.major,
    guarantor_id: r.guarantor_id,
    guarantor_name: r.guarantor_name,
    responsible_unit_id: r.responsible_unit_id,
    responsible_unit_name: r.responsible_unit_name,
    introducer: r.introducer,
    introducer_kind: r.introducer_kind as IntroducerKind | null,
    expected_landing_date: r.expected_landing_date,
    notes: r.notes,
    polluting: r.polluting,
    outdated_capacity: r.outdated_capacity,
    screening_override_reason: r.screening_override_reason,
    drop_reason: r.drop_reason,
    version: r.version,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

type TransitionRow = {
  id: string;
  from_stage: string | null;
  to_stage: string;
  date: string;
  note: string | null;
  evidence: string[];
  override_reason: string | null;
  user_id: string | null;
  user_name: string | null;
  created_at: Date;
};

export function presentTransition(
  t: TransitionRow,
  evidence: Array<{ id: string; name: string; size: number; mime: string }> = [],
) {
  return {
    id: t.id,
    from: t.from_stage as Stage | null,
    to: t.to_stage as Stage,
    date: t.date,
    note: t.note,
    evidence: t.evidence,
    evidence_files: evidence,
    override_reason: t.override_reason,
    user_id: t.user_id,
    user_name: t.user_name,
    created_at: t.created_at.toISOString(),
  };
}
