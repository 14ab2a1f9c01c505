import type { Deps } from '../context.ts';
import { seedOrganisation, type DemoOrg } from './organisation.ts';
import { seedPipeline } from './pipeline.ts';
import { seedStatistics } from './statistics.ts';

export interface DemoStepResult {
  users?: Array<{ username: string; password: string; role: string }>;
}

/**
 * The demo city of SPEC §5, built on the very first start (unless MAGNET_DEMO=0). Steps run in order;
 * each area of the product adds its own step here. Everything is deterministic except passwords.
 */
export type DemoStep = (deps: Deps, org: DemoOrg) => Promise<void>;
export const DEMO_STEPS: DemoStep[] = [seedPipeline, seedStatistics];

export async function seedDemo(deps: Deps) {
  const org = await seedOrganisation(deps);
  for (const step of DEMO_STEPS) await step(deps, org);
  return { users: org.users.map(({ username, password, role }) => ({ username, password, role })) };
}
