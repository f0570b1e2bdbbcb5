-- Scores and points as double precision: a float4 fraction (0.33333334) differs from the
-- recomputed one (0.3333333333333333) and made every regrade report phantom changes.
-- Rewrites only the small scores and slots tables, never submissions.
ALTER TABLE scores ALTER COLUMN fraction TYPE double precision;
ALTER TABLE slots ALTER COLUMN points TYPE double precision;
ALTER TABLE assignments ALTER COLUMN penalty_per_wrong TYPE double precision;
