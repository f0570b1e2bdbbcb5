-- Results of `steadfast backup verify`: a backup is trusted only once it has been restored
-- and checked. Kept in the database so that every region's `cluster status` sees them.
CREATE TABLE backup_verifications (
  id                  uuid PRIMARY KEY,
  backup_label        text NOT NULL,
  verified_at         timestamptz NOT NULL,
  ok                  boolean NOT NULL,
  restored_count      bigint,           -- submissions in the restored copy
  expected_count_min  bigint,           -- live submissions right before the backup began
  expected_count_max  bigint,           -- live submissions right after it ended
  seconds             real NOT NULL,    -- restore + start + checks
  detail              text NOT NULL DEFAULT ''
);
CREATE INDEX backup_verifications_time_idx ON backup_verifications (verified_at DESC);
