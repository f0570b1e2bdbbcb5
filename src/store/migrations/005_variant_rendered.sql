-- A variant's rendered form (title, text, sanitized HTML, parts), stored when an assignment is
-- prepared so that the start-of-class spike reads pages instead of typesetting math. It is a
-- pure function of (version, seed), so it never goes stale. Nullable: filled ahead, or never.
ALTER TABLE variants ADD COLUMN rendered jsonb;
