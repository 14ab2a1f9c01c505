import type { Kysely } from 'kysely';

type Up = (db: Kysely<unknown>) => Promise<void>;

/**
 * Every migration, by name (`<YYYYMMDDhhmmss>-<name>`, the file name without `.ts`), loaded only when it runs.
 * A static list, so that the server bundle (`dist/server`, built by esbuild) carries the migrations too; a test
 * checks that it names every file of this folder. A new migration is a new file here and a new line below.
 */
export const MIGRATIONS: Record<string, () => Promise<{ up: Up }>> = {
  '20261122000000-core': () => import('./20261122000000-core.ts'),
  '20261122010000-pipeline': () => import('./20261122010000-pipeline.ts'),
  '20261122020000-pipeline-review': () => import('./20261122020000-pipeline-review.ts'),
  '20261122020100-enterprise-name-gist': () => import('./20261122020100-enterprise-name-gist.ts'),
  '20261122020200-project-sort-indexes': () => import('./20261122020200-project-sort-indexes.ts'),
  '20261122030000-statistics': () => import('./20261122030000-statistics.ts'),
  '20261122040000-verification': () => import('./20261122040000-verification.ts'),
  '20261122050000-assessments': () => import('./20261122050000-assessments.ts'),
  '20261122050100-assessment-rollup': () => import('./20261122050100-assessment-rollup.ts'),
  '20261122060000-scheduler': () => import('./20261122060000-scheduler.ts'),
  '20261122070000-capital-partitions': () => import('./20261122070000-capital-partitions.ts'),
  '20261122070100-capital-entry-origins': () => import('./20261122070100-capital-entry-origins.ts'),
  '20261123010000-project-list-speed': () => import('./20261123010000-project-list-speed.ts'),
  '20261123010100-import-speed': () => import('./20261123010100-import-speed.ts'),
  '20261123050000-import-write': () => import('./20261123050000-import-write.ts'),
  '20261123070000-import-search-audit': () => import('./20261123070000-import-search-audit.ts'),
  '20261123080000-list-versions-no-wait': () => import('./20261123080000-list-versions-no-wait.ts'),
  '20261123090000-import-classes': () => import('./20261123090000-import-classes.ts'),
};
