import { sql } from 'kysely';
import { addMonths, currentMonthCst, todayCst } from '../../../shared/month.ts';
import { dueDate, dueDay } from '../reports/reports.service.ts';
import type { Task } from './scheduler.ts';

const HOUR = 3600_000;

/** The scheduled work of Magnet. Each task must be safe to run again (idempotent). */
export const TASKS: readonly Task[] = [
  {
    name: 'sessions.cleanup',
    everyMs: HOUR,
    async run({ db }) {
      const s = await db
        .deleteFrom('sessions')
        .where('expires_at', '<', sql<Date>`now()`)
        .executeTakeFirst();
      const a = await db
        .deleteFrom('login_attempts')
        .where('at', '<', sql<Date>`now() - interval '30 days'`)
        .executeTakeFirst();
      return `sessions ${s.numDeletedRows}, login attempts ${a.numDeletedRows}`;
    },
  },
  {
    // the audit log is append-only; only this purge, past the configured retention, may delete
    name: 'audit.retention',
    everyMs: 24 * HOUR,
    async run({ db, config }) {
      await sql`SELECT set_config('magnet.audit_purge', 'on', true)`.execute(db);
      const r =
        await sql`DELETE FROM audit_log WHERE at < now() - make_interval(days => ${config.MAGNET_AUDIT_RETENTION_DAYS})`.execute(
          db,
        );
      await sql`SELECT set_config('magnet.audit_purge', 'off', true)`.execute(db);
      return `purged ${r.numAffectedRows ?? 0}`;
    },
  },
  {
    name: 'deadlines.notify',
    everyMs: HOUR,
    async run(deps) {
      const { db } = deps;
      const today = todayCst();
      // overdue rectification items: the owner unit is told, once a day
      const overdue = await sql`
        INSERT INTO notifications (unit_id, kind, title, body, link, dedupe_key)
        SELECT x.owner_unit_id, 'rectification.overdue', '整改事项已逾期：' || x.title,
               '整改期限 ' || x.deadline::text, '/verification?rectification=' || x.id, 'rect:' || x.id || ':' || ${today}
        FROM rectifications x
        WHERE x.status <> 'done' AND x.deadline < ${today}::date AND x.owner_unit_id IS NOT NULL
        ON CONFLICT (dedupe_key) DO NOTHING`.execute(db);
      // last month's report not in after its due date: the district unit is told, once a day
      const month = addMonths(currentMonthCst(), -1);
      const due = dueDate(month, await dueDay(deps));
      let late: bigint | undefined = 0n;
      if (today > due) {
        const r = await sql`
          INSERT INTO notifications (unit_id, kind, title, body, link, dedupe_key)
          SELECT u.id, 'report.late', ${`${month} 月报逾期未报送`}, ${`报送截止日为 ${due}`}, ${`/reports?month=${month}`},
                 'late:' || u.id || ':' || ${month} || ':' || ${today}
          FROM units u
          LEFT JOIN monthly_reports r ON r.region = u.region AND r.month = ${`${month}-01`}::date
          WHERE u.kind = 'district' AND u.deleted_at IS NULL AND (r.status IS NULL OR r.status IN ('draft', 'returned'))
          ON CONFLICT (dedupe_key) DO NOTHING`.execute(db);
        late = r.numAffectedRows;
      }
      return `overdue ${overdue.numAffectedRows ?? 0}, late reports ${late ?? 0}`;
    },
  },
  {
    // capital entries are partitioned by year: next year's partition exists before its first entry
    name: 'partitions.ensure',
    everyMs: 24 * HOUR,
    async run({ db }) {
      const year = Number(todayCst().slice(0, 4));
      const made: number[] = [];
      for (const y of [year, year + 1]) {
        const r = await sql<{ made: boolean }>`SELECT capital_entries_ensure_year(${y}::int) AS made`.execute(
          db,
        );
        if (r.rows[0].made) made.push(y);
      }
      return made.length ? `created ${made.join(', ')}` : 'nothing to create';
    },
  },
];
