import { sql, type Kysely } from 'kysely';

/**
 * Assessment (考核, SPEC §3.3): schemes as data with versions, frozen runs and their results, interview
 * cases (约谈) and awards. A scheme's versions are immutable once a run used them; runs and their results
 * never change after they are stored — only a run's status moves forward (draft → reviewed → final), and a
 * trigger refuses everything else. The default scheme of SPEC §3.3 is created here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE assessment_schemes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      effective_year int NOT NULL CHECK (effective_year BETWEEN 2000 AND 2100),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'archived')),
      description text,
      -- the scheme version that edits and new runs use (1, 2, …)
      current_version int NOT NULL DEFAULT 1,
      is_default boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- optimistic concurrency of edits (every PUT carries it)
      revision int NOT NULL DEFAULT 1
    );

    CREATE TABLE assessment_scheme_versions (
      scheme_id uuid NOT NULL REFERENCES assessment_schemes(id),
      version int NOT NULL CHECK (version >= 1),
      name text NOT NULL,
      effective_year int NOT NULL,
      -- [{key, name, group: scale|quality, metric, weight, rule: {type: linear|steps|rank, …}}]
      indicators jsonb NOT NULL,
      -- set when a run first used this version: from then on it never changes
      used_at timestamptz,
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scheme_id, version)
    );

    -- a version a run has used never changes and is never deleted
    CREATE FUNCTION assessment_scheme_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR OLD.used_at IS NOT NULL THEN
        IF TG_OP = 'UPDATE' AND OLD.used_at IS NOT NULL
           AND NEW.indicators = OLD.indicators AND NEW.name = OLD.name
           AND NEW.effective_year = OLD.effective_year AND NEW.used_at = OLD.used_at THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a scheme version used by a run never changes; edit the scheme to make a new version'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER assessment_scheme_versions_no_change BEFORE UPDATE OR DELETE ON assessment_scheme_versions
      FOR EACH ROW EXECUTE FUNCTION assessment_scheme_versions_frozen();

    CREATE TABLE assessment_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      scheme_id uuid NOT NULL,
      scheme_version int NOT NULL,
      -- YYYYQ1..Q4, YYYYH1, YYYY
      period text NOT NULL CHECK (period ~ '^\\d{4}(Q[1-4]|H1)?$'),
      year int NOT NULL,
      end_month date NOT NULL,
      parent text NOT NULL REFERENCES regions(code),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'final')),
      -- everything the scores came from: the scheme version, the period and pro-rating factor, the targets,
      -- the settings (strategic industries, top-500 tags), the region → row mapping digest
      inputs jsonb NOT NULL,
      summary jsonb NOT NULL,
      warnings jsonb NOT NULL DEFAULT '[]',
      content_hash text NOT NULL,
      -- the run of the same scheme and period it recomputes (the diff's default)
      previous_run_id uuid REFERENCES assessment_runs(id),
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      finalized_by uuid REFERENCES users(id),
      finalized_at timestamptz,
      FOREIGN KEY (scheme_id, scheme_version) REFERENCES assessment_scheme_versions(scheme_id, version)
    );
    CREATE INDEX assessment_runs_period_idx ON assessment_runs (period, created_at DESC);
    CREATE INDEX assessment_runs_scheme_idx ON assessment_runs (scheme_id, period, created_at DESC);

    CREATE TABLE assessment_results (
      run_id uuid NOT NULL REFERENCES assessment_runs(id),
      region text NOT NULL REFERENCES regions(code),
      name text NOT NULL,
      score numeric(10, 2) NOT NULL,
      scale_score numeric(10, 2) NOT NULL,
      quality_score numeric(10, 2) NOT NULL,
      rank int NOT NULL,
      flags text[] NOT NULL DEFAULT '{}',
      interview_reasons text[] NOT NULL DEFAULT '{}',
      -- the pro-rated domestic and foreign figures (actual, target, completion, missed)
      figures jsonb NOT NULL,
      -- [{indicator, name, group, metric, value, target, points, weight, rule, inputs, note}]
      breakdown jsonb NOT NULL,
      PRIMARY KEY (run_id, region)
    );
    CREATE INDEX assessment_results_region_idx ON assessment_results (region, run_id);

    -- a run never changes: its figures are frozen, its status only moves forward
    CREATE FUNCTION assessment_runs_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'an assessment run is never deleted' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF OLD.status = 'final' THEN
        RAISE EXCEPTION 'a final assessment run never changes; recompute to make a new run'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NEW.inputs IS DISTINCT FROM OLD.inputs OR NEW.summary IS DISTINCT FROM OLD.summary
         OR NEW.warnings IS DISTINCT FROM OLD.warnings OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
         OR NEW.scheme_id IS DISTINCT FROM OLD.scheme_id OR NEW.scheme_version IS DISTINCT FROM OLD.scheme_version
         OR NEW.period IS DISTINCT FROM OLD.period OR NEW.parent IS DISTINCT FROM OLD.parent
         OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.created_by IS DISTINCT FROM OLD.created_by
         OR NEW.previous_run_id IS DISTINCT FROM OLD.previous_run_id THEN
        RAISE EXCEPTION 'the figures of an assessment run never change; recompute to make a new run'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NOT ((OLD.status = 'draft' AND NEW.status IN ('draft', 'reviewed'))
           OR (OLD.status = 'reviewed' AND NEW.status IN ('reviewed', 'final'))) THEN
        RAISE EXCEPTION 'an assessment run moves draft → reviewed → final only'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER assessment_runs_no_change BEFORE UPDATE OR DELETE ON assessment_runs
      FOR EACH ROW EXECUTE FUNCTION assessment_runs_frozen();

    CREATE FUNCTION assessment_results_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'assessment results never change; recompute to make a new run'
        USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER assessment_results_no_change BEFORE UPDATE OR DELETE ON assessment_results
      FOR EACH ROW EXECUTE FUNCTION assessment_results_frozen();

    CREATE TABLE interview_cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_id uuid NOT NULL REFERENCES assessment_runs(id),
      region text NOT NULL REFERENCES regions(code),
      -- why the region is called in: domestic_target, foreign_target, bottom_three
      reasons text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'rectifying', 'closed')),
      interview_date date,
      location text,
      -- who talked to whom: the mayor and the district head, by default
      interviewer text,
      interviewee text,
      participants text,
      minutes text,
      follow_up text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      UNIQUE (run_id, region)
    );
    CREATE INDEX interview_cases_region_idx ON interview_cases (region text_pattern_ops, created_at DESC);
    CREATE INDEX interview_cases_created_idx ON interview_cases (created_at DESC);

    CREATE TABLE awards (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_id uuid REFERENCES assessment_runs(id),
      -- regions now; departments and partners (商协会、中介机构) later
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('region', 'department', 'partner')),
      region text REFERENCES regions(code),
      unit_id uuid REFERENCES units(id),
      recipient_name text NOT NULL,
      title text NOT NULL,
      rank int,
      score numeric(10, 2),
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (run_id, recipient_kind, region)
    );

    -- stage milestones in a period (key projects started, projects signed, top-500 investors introduced)
    CREATE INDEX IF NOT EXISTS project_transitions_stage_date_idx ON project_transitions (to_stage, date);
  `.execute(db);

  // The default scheme of SPEC §3.3 (scale: domestic 40, foreign 20; quality: top-500/central-SOE share 15,
  // key projects started 10, strategic emerging industries 15) and the default strategic industry list.
  const indicators = [
    {
      key: 'domestic_completion',
      name: '实际利用内资完成率',
      group: 'scale',
      metric: 'domestic_completion',
      weight: '40',
      rule: { type: 'linear', target_value: null, cap: '1' },
    },
    {
      key: 'foreign_completion',
      name: '实际使用外资完成率',
      group: 'scale',
      metric: 'foreign_completion',
      weight: '20',
      rule: { type: 'linear', target_value: null, cap: '1' },
    },
    {
      key: 'top500_share',
      name: '500强及央企投资占比',
      group: 'quality',
      metric: 'top500_share',
      weight: '15',
      rule: { type: 'linear', target_value: '0.3', cap: '1' },
    },
    {
      key: 'key_projects_started',
      name: '重点项目开工数',
      group: 'quality',
      metric: 'key_projects_started',
      weight: '10',
      rule: {
        type: 'steps',
        steps: [
          ['1', '4'],
          ['2', '6'],
          ['3', '8'],
          ['5', '10'],
        ],
      },
    },
    {
      key: 'strategic_share',
      name: '战略性新兴产业投资占比',
      group: 'quality',
      metric: 'strategic_share',
      weight: '15',
      rule: { type: 'linear', target_value: '0.4', cap: '1' },
    },
  ];
  const scheme = await sql<{ id: string }>`
    INSERT INTO assessment_schemes (name, effective_year, status, description, is_default)
    VALUES ('招商引资考核办法', 2021, 'active',
      '以各区完成目标任务为考核基础，以招商引资高质量发展为考核导向，从“规模”和“质量”两类指标开展考核评价。',
      true)
    RETURNING id`.execute(db);
  const id = scheme.rows[0].id;
  await sql`
    INSERT INTO assessment_scheme_versions (scheme_id, version, name, effective_year, indicators, note)
    VALUES (${id}, 1, '招商引资考核办法', 2021, ${JSON.stringify(indicators)}::jsonb, '默认考核办法（SPEC §3.3）')`.execute(
    db,
  );
  const strategic = {
    codes: ['27', '39', '63', '64', '65', '73', '2665', '3562', '3612', '3841', '3963', '4415', '4416'],
    note: '战略性新兴产业：生物医药、新一代信息技术、高端装备、新能源汽车、新能源、研发服务（GB/T 4754-2017 代码前缀）',
  };
  await sql`
    INSERT INTO settings (key, value) VALUES ('assessment.strategic_industries', ${JSON.stringify(strategic)}::jsonb)
    ON CONFLICT (key) DO NOTHING`.execute(db);
}
