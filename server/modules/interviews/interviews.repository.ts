import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { InterviewStatus } from '../../db/tables/assessments.ts';
import type { RegionScope } from '../../plugins/access.ts';

/** Every query of interview cases (约谈) and awards (奖励). */

export function interviewQuery(db: Kysely<DB>) {
  return db
    .selectFrom('interview_cases as c')
    .innerJoin('assessment_runs as r', 'r.id', 'c.run_id')
    .leftJoin('regions as g', 'g.code', 'c.region')
    .leftJoin('assessment_results as x', (j) =>
      j.onRef('x.run_id', '=', 'c.run_id').onRef('x.region', '=', 'c.region'),
    )
    .select([
      'c.id',
      'c.run_id',
      'r.period',
      'c.region',
      'g.name as region_name',
      'c.reasons',
      'c.status',
      'c.interview_date',
      'c.location',
      'c.interviewer',
      'c.interviewee',
      'c.participants',
      'c.minutes',
      'c.follow_up',
      'c.created_at',
      'c.updated_at',
      'c.version',
      'x.score',
      'x.rank',
      sql<number>`(SELECT count(*)::int FROM rectifications q WHERE q.source = 'assessment' AND q.source_id = c.id)`.as(
        'rectifications',
      ),
      sql<number>`(SELECT count(*)::int FROM rectifications q WHERE q.source = 'assessment' AND q.source_id = c.id AND q.status <> 'done')`.as(
        'open_rectifications',
      ),
    ]);
}

export type InterviewRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof interviewQuery>['executeTakeFirst']>>
>;

export function listInterviews(
  db: Kysely<DB>,
  scope: RegionScope,
  f: { run_id?: string; region?: string; status?: InterviewStatus; limit?: number },
) {
  let q = interviewQuery(db);
  if (scope.kind === 'subtree') q = q.where('c.region', 'like', `${scope.prefix}%`);
  if (scope.kind === 'none') q = q.where(sql<boolean>`false`);
  if (f.run_id) q = q.where('c.run_id', '=', f.run_id);
  if (f.region) q = q.where('c.region', '=', f.region);
  if (f.status) q = q.where('c.status', '=', f.status);
  return q
    .orderBy('c.created_at', 'desc')
    .orderBy('c.region')
    .limit(f.limit ?? 500)
    .execute();
}

export function findInterview(db: Kysely<DB>, id: string) {
  return interviewQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export function rectificationsOf(db: Kysely<DB>, caseId: string) {
  return db
    .selectFrom('rectifications as x')
    .leftJoin('units as u', 'u.id', 'x.owner_unit_id')
    .select([
      'x.id',
      'x.title',
      'x.description',
      'x.deadline',
      'x.status',
      'x.owner_unit_id',
      'u.name as owner_unit_name',
      'x.resolution',
      'x.evidence',
      'x.version',
      'x.created_at',
      'x.updated_at',
    ])
    .where('x.source', '=', 'assessment')
    .where('x.source_id', '=', caseId)
    .orderBy('x.deadline')
    .orderBy('x.created_at')
    .execute();
}

/** The district unit that answers for a region (default owner of its rectification items). */
export function districtUnitOf(db: Kysely<DB>, region: string) {
  return db
    .selectFrom('units')
    .select('id')
    .where('region', '=', region)
    .where('kind', '=', 'district')
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

export function awardQuery(db: Kysely<DB>) {
  return db
    .selectFrom('awards as a')
    .leftJoin('assessment_runs as r', 'r.id', 'a.run_id')
    .select([
      'a.id',
      'a.run_id',
      'r.period',
      'a.recipient_kind',
      'a.region',
      'a.unit_id',
      'a.recipient_name',
      'a.title',
      'a.rank',
      'a.score',
      'a.note',
      'a.created_at',
    ]);
}
