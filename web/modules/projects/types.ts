import type { Stage } from '../../../shared/enums.ts';

export type { DoubleCountWarning, ProjectDto } from '../../../shared/schemas/projects.ts';

/** One entry of a project's stage timeline (`GET /api/v1/projects/:id/transitions`). */
export interface TransitionDto {
  id: string;
  from: Stage | null;
  to: Stage;
  date: string;
  note: string | null;
  evidence: string[];
  evidence_files: Array<{ id: string; name: string; size: number; mime: string }>;
  override_reason: string | null;
  user_id: string | null;
  user_name: string | null;
  created_at: string;
}

/** A file attached to a project (`GET /api/v1/projects/:id/attachments`). */
export interface AttachmentDto {
  id: string;
  name: string;
  size: number;
  sha256: string;
  mime: string;
  entity: string | null;
  entity_id: string | null;
  url: string;
  created_at: string;
}

export type DoubleCountKind = 'investor_regions' | 'similar_investors' | 'similar_projects';

/** One candidate of the office's double-count review list (`GET /api/v1/double-counts`). */
export interface DoubleCountItem {
  key: string;
  kind: DoubleCountKind;
  message: string;
  similarity: number | null;
  fingerprint: string;
  reviewed: boolean;
  enterprises: Array<{ id: string; name: string; uscc: string | null; country: string }>;
  regions: Array<{ code: string; name: string | null }>;
  projects: Array<{
    id: string;
    code: string;
    name: string;
    region: string;
    region_name: string | null;
    stage: Stage;
    planned_amount: string;
    investor_id: string;
  }>;
}

/** A leader user who may guarantee a project (包保领导). */
export interface LeaderOption {
  id: string;
  display_name: string;
  unit_name: string | null;
}
