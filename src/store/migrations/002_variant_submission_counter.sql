-- A counter bumped by every submission stored for a variant: the submission path reads a
-- variant's state without a lock and writes only if the counter has not moved (optimistic
-- concurrency in one statement). Adding a column with a constant default rewrites nothing.
ALTER TABLE variants ADD COLUMN submissions_count integer NOT NULL DEFAULT 0;
