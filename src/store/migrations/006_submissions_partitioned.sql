-- The submissions log, partitioned by month and stored compactly (docs/operations.md, "Storage").
--
-- Partition key: the month in which the submission's VARIANT was issued (`month`, a smallint:
-- year * 12 + month - 1, UTC). Every retry of a client's submission id goes to the same variant and
-- so to the same partition: the primary key (id, month) keeps a submission exactly once without a
-- separate uniqueness table. A partition goes cold once the assignments of its variants close.
--
-- A row keeps what was typed and what was decided: the answers, each part's status/score/credit,
-- and the timing decision with its reason unless it was plainly on time (src/grading/outcome.ts).
-- The explanation shown with an attempt (feedback, how the answer was read, hints) is a pure
-- function of (question version, seed, answer) and is recomputed on display.
--
-- This is a one-time conversion: it copies the rows of the old table under a lock that blocks
-- submissions for the length of the copy (an installation of ≤ 005 is a pre-release one; the
-- rules in docs/operations.md forbid such a step for any later migration).

CREATE TABLE submission_origins (
  id      smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region  text NOT NULL,
  node    text NOT NULL,
  UNIQUE (region, node)
);

CREATE FUNCTION submission_month(t timestamptz) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (extract(year FROM t AT TIME ZONE 'UTC') * 12 + extract(month FROM t AT TIME ZONE 'UTC') - 1)::smallint;

-- The old table steps aside (writers and readers wait until this migration commits).
ALTER TABLE submissions RENAME TO submissions_v1;
ALTER TABLE submissions_v1 RENAME CONSTRAINT submissions_pkey TO submissions_v1_pkey;
ALTER INDEX submissions_variant_idx RENAME TO submissions_v1_variant_idx;
ALTER INDEX submissions_user_idx RENAME TO submissions_v1_user_idx;

CREATE TABLE submissions (
  server_time  timestamptz NOT NULL,
  captured_at  timestamptz,
  id           uuid NOT NULL,
  variant_id   uuid NOT NULL REFERENCES variants,
  month        smallint NOT NULL,
  origin       smallint NOT NULL REFERENCES submission_origins,
  answers      jsonb NOT NULL,   -- {partId: text as typed}
  outcome      jsonb NOT NULL,   -- {partId: "c1" | "w.5 .4" | "i", "@": [kind, credit, reason] unless on time}
  PRIMARY KEY (id, month)
) PARTITION BY RANGE (month);
CREATE INDEX submissions_variant_idx ON submissions (variant_id);

-- Catches a row whose month has no partition yet (nothing is ever refused for want of one);
-- the next partition check moves such rows into a partition of their own.
CREATE TABLE submissions_default PARTITION OF submissions DEFAULT;

-- Creates the monthly partitions first..last that do not exist yet; returns how many it made.
-- Rows of such a month already in the default partition move into the new partition.
CREATE FUNCTION ensure_submission_partitions(first smallint, last smallint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  m integer;
  made integer := 0;
  name text;
BEGIN
  FOR m IN first..last LOOP
    name := format('submissions_%s_%s', m / 12, lpad((m % 12 + 1)::text, 2, '0'));
    IF to_regclass(name) IS NOT NULL THEN
      CONTINUE;
    ELSIF EXISTS (SELECT 1 FROM submissions_default WHERE month = m) THEN
      EXECUTE format('CREATE TABLE %I (LIKE submissions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
      EXECUTE format('WITH moved AS (DELETE FROM submissions_default WHERE month = %s RETURNING *) INSERT INTO %I SELECT * FROM moved', m, name);
      EXECUTE format('ALTER TABLE submissions ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', name, m, m + 1);
    ELSE
      EXECUTE format('CREATE TABLE %I PARTITION OF submissions FOR VALUES FROM (%s) TO (%s)', name, m, m + 1);
    END IF;
    made := made + 1;
  END LOOP;
  RETURN made;
END $$;

SELECT ensure_submission_partitions(
  least(submission_month(now()), coalesce((SELECT submission_month(min(created_at)) FROM variants), submission_month(now()))),
  (submission_month(now()) + 3)::smallint);

INSERT INTO submission_origins (region, node)
  SELECT DISTINCT region, node FROM submissions_v1 ORDER BY region, node;
INSERT INTO submissions (server_time, captured_at, id, variant_id, month, origin, answers, outcome)
  SELECT su.server_time, su.captured_at, su.id, su.variant_id, submission_month(v.created_at), o.id, su.answers,
    (SELECT coalesce(jsonb_object_agg(r.key,
        CASE WHEN r.value->>'status' = 'invalid' THEN 'i'
             ELSE (CASE WHEN (r.value->>'correct')::boolean THEN 'c' ELSE 'w' END)
                  || regexp_replace(r.value->>'score', '^0\.', '.')
                  || CASE WHEN (r.value->>'score')::float8 = (r.value->>'credited')::float8 THEN ''
                          ELSE ' ' || regexp_replace(r.value->>'credited', '^0\.', '.') END
        END), '{}'::jsonb)
     FROM jsonb_each(su.results) r)
    || CASE WHEN su.timing->>'kind' = 'on_time' AND (su.timing->>'credit')::float8 = 1 THEN '{}'::jsonb
            ELSE jsonb_build_object('@', jsonb_build_array(su.timing->'kind', su.timing->'credit', su.timing->'reason')) END
  FROM submissions_v1 su JOIN variants v ON v.id = su.variant_id
  JOIN submission_origins o ON o.region = su.region AND o.node = su.node;
DROP TABLE submissions_v1;

-- What readers see: a submission with its student, slot, question version, seed and origin.
CREATE VIEW submission_history AS
  SELECT su.id, su.variant_id, v.user_id, v.slot_id, v.version, v.seed, su.answers, su.outcome,
    su.server_time, su.captured_at, o.region, o.node, su.month
  FROM submissions su JOIN variants v ON v.id = su.variant_id JOIN submission_origins o ON o.id = su.origin;
