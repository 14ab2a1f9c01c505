/** `GET /api/v1/targets?year=`: the regions under the root with their annual targets. */
export interface TargetItem {
  year: number;
  region: string;
  name: string;
  domestic: string | null;
  foreign: string | null;
  /** ratios as decimal strings ("0.0800") */
  growth_rate: string | null;
  beijing_share: string | null;
  top500_count: number | null;
  updated_at: string | null;
  version: number;
}

export interface TargetGoals {
  domestic: string;
  foreign: string;
  growth_rate: string | null;
  beijing_share: string | null;
  top500_count: number | null;
}

export interface TargetList {
  year: number;
  parent: string;
  parent_target: TargetGoals | null;
  items: TargetItem[];
}

export interface TargetInput {
  domestic: string;
  foreign: string;
  growth_rate?: string | null;
  beijing_share?: string | null;
  top500_count?: number | null;
}
