-- Steadfast core schema. The submissions table is the append-only source of truth;
-- scores is a projection of it, updated in the same transaction and recomputable (regrade).

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL UNIQUE CHECK (email = lower(email)),
  name          text NOT NULL,
  password_hash text NOT NULL,
  is_admin      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- A session is found by the SHA-256 of its cookie token; the token itself is never stored.
CREATE TABLE sessions (
  token_hash  bytea PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE courses (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title       text NOT NULL,
  -- {"logBase": 10 | "e", "outageGraceMinutes": n, "timeZone": "America/Toronto"}
  settings    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enrollments (
  course_id   uuid NOT NULL REFERENCES courses ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('instructor', 'ta', 'student')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, user_id)
);
CREATE INDEX enrollments_user_idx ON enrollments (user_id);

-- Every version of every question file ever used, by content hash. Never updated.
CREATE TABLE question_versions (
  version     text PRIMARY KEY,
  question_id text NOT NULL,
  title       text NOT NULL,
  topics      text[] NOT NULL DEFAULT '{}',
  source      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- The bank: the current version of each question.
CREATE TABLE questions (
  id               text PRIMARY KEY,
  current_version  text NOT NULL REFERENCES question_versions,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assignments (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id               uuid NOT NULL REFERENCES courses ON DELETE CASCADE,
  title                   text NOT NULL,
  opens_at                timestamptz NOT NULL,
  due_at                  timestamptz NOT NULL,
  late_windows            jsonb NOT NULL DEFAULT '[]',  -- [{"afterDueHours": 24, "credit": 0.8}, ...]
  attempts_max            integer,                       -- per part; NULL = unlimited
  penalty_per_wrong       real NOT NULL DEFAULT 0,
  new_variant_after_wrong integer,
  published               boolean NOT NULL DEFAULT false,
  answers_released        boolean NOT NULL DEFAULT false,
  created_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignments_course_idx ON assignments (course_id, due_at);

CREATE TABLE slots (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assignment_id  uuid NOT NULL REFERENCES assignments ON DELETE CASCADE,
  position       integer NOT NULL,
  question_id    text NOT NULL REFERENCES questions,
  points         real NOT NULL CHECK (points >= 0),
  UNIQUE (assignment_id, position)
);

CREATE TABLE extensions (
  assignment_id  uuid NOT NULL REFERENCES assignments ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES users ON DELETE CASCADE,
  due_at         timestamptz NOT NULL,
  granted_by     uuid REFERENCES users,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assignment_id, user_id)
);

-- A variant is (question version, seed) issued to one student in one slot.
-- The newest variant of (slot, user) is the one the student works on.
CREATE TABLE variants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slot_id     uuid NOT NULL REFERENCES slots ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users ON DELETE CASCADE,
  ordinal     integer NOT NULL DEFAULT 1,
  version     text NOT NULL REFERENCES question_versions,
  seed        integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (slot_id, user_id, ordinal)
);

-- Append-only: one row per submission, keyed by the client's UUID (exactly once).
CREATE TABLE submissions (
  id           uuid PRIMARY KEY,
  variant_id   uuid NOT NULL REFERENCES variants,
  user_id      uuid NOT NULL REFERENCES users,
  answers      jsonb NOT NULL,   -- {partId: text as typed}
  results      jsonb NOT NULL,   -- {partId: {status, score, credited, correct, feedback, read, parsed}}
  timing       jsonb NOT NULL,   -- {kind, credit, reason}
  server_time  timestamptz NOT NULL DEFAULT now(),
  captured_at  timestamptz,
  region       text NOT NULL,
  node         text NOT NULL
);
CREATE INDEX submissions_variant_idx ON submissions (variant_id, server_time);
CREATE INDEX submissions_user_idx ON submissions (user_id, server_time);

-- Projection of submissions: the best credited score of each part of (user, slot).
CREATE TABLE scores (
  user_id     uuid NOT NULL REFERENCES users ON DELETE CASCADE,
  slot_id     uuid NOT NULL REFERENCES slots ON DELETE CASCADE,
  fraction    real NOT NULL CHECK (fraction >= 0 AND fraction <= 1),
  per_part    jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, slot_id)
);

-- Windows in which an app server could not commit (the outage record).
CREATE TABLE outages (
  id          uuid PRIMARY KEY,
  region      text NOT NULL,
  node        text NOT NULL,
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz,
  detail      text NOT NULL DEFAULT ''
);
CREATE INDEX outages_time_idx ON outages (started_at DESC);
