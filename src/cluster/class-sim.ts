// A simulated class for drills and benchmarks: students sign in over HTTP, open the
// "Practice" assignment and submit answers through an outbox-style client (DESIGN §4):
// each submission gets its UUID before the first send and keeps it through every retry;
// network errors, timeouts, 429 and 5xx are retried with bounded exponential backoff and
// full jitter, rotating across the regions' app servers. Every loop is bounded in count
// and in time, so a class always stops by itself.
import { randomUUID } from 'node:crypto';

/** One HTTP request may take this long before the student treats it as lost. */
export const requestTimeoutMs = 5_000;
/** First retry delay; doubles per retry up to retryBackoffMaxMs (full jitter). */
export const retryBackoffBaseMs = 100;
export const retryBackoffMaxMs = 2_000;
/** Sends of one request (same submission id) before the student gives up. */
export const requestAttemptsMax = 200;
/** A submission waits at most this long in the outbox before the student gives up. */
export const submitGiveUpMs = 180_000;
/** Largest class and longest run one simulation accepts. */
export const studentsMax = 2_000;
export const classDurationMaxMs = 3_600_000;
/** Submissions one student makes at most in a run (bounds a paced loop). */
export const submissionsPerStudentMax = 100_000;
/** Rejection messages kept for the report. */
export const errorSamplesMax = 10;
/** Students signing in at once (password hashing is deliberately slow). */
export const signInConcurrencyMax = 8;

export const demoPassword = 'steadfast-demo';
export const practiceAssignmentTitle = 'Practice';

export interface AppEndpoint { region: string; url: string }

export interface Ack {
  id: string;
  /** Region of the app server that acknowledged it. */
  region: string;
  ackAt: Date;
  /** From the intent (first send) to the acknowledgement. */
  latencyMs: number;
  attempts: number;
}

export interface ClassResult {
  acks: Ack[];
  /** Submissions given up on or rejected with a 4xx. */
  studentErrors: number;
  /**
   * Sends that failed without the server asking for a retry (a dropped or timed-out request, an
   * answer other than 2xx or 503/429 with Retry-After), plus submissions given up on. A refused
   * connection is not counted: nothing was sent.
   */
  failedRequests: number;
  errorSamples: string[];
}

interface Part { id: string; type: string }
interface Question { variantId: string; parts: Part[] }

export interface Student {
  email: string;
  cookie: string;
  csrfToken: string;
  questions: Question[];
  /** Index of the endpoint this student currently talks to (moves on failure). */
  current: number;
}

type Outcome = { ok: true; body: unknown; region: string; attempts: number } | { ok: false; reason: string };

interface Request {
  method: 'GET' | 'POST'; path: string; body?: unknown; student?: Student; cookieOut?: { value: string };
  /** Counts failed sends (see ClassResult.failedRequests). */
  tally?: { failedRequests: number };
}

/** A 503 or 429 with Retry-After: the server asked for the request again. */
function askedToRetry(res: Response): boolean {
  return (res.status === 503 || res.status === 429) && res.headers.has('retry-after');
}

function connectionRefused(err: unknown): boolean {
  return (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Sends one request until it is answered, rejected or the bounds run out. */
async function send(endpoints: AppEndpoint[], from: { current: number }, req: Request, giveUpAt: number): Promise<Outcome> {
  let last = 'no attempt made';
  for (let attempt = 1; attempt <= requestAttemptsMax && Date.now() < giveUpAt; attempt++) {
    const ep = endpoints[from.current % endpoints.length]!;
    try {
      const res = await fetch(ep.url + req.path, {
        method: req.method,
        headers: headersFor(req),
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(Math.min(requestTimeoutMs, Math.max(1, giveUpAt - Date.now()))),
      });
      const text = await res.text();
      if (res.ok) {
        if (req.cookieOut) req.cookieOut.value = sessionCookie(res.headers.getSetCookie());
        return { ok: true, body: text ? JSON.parse(text) : null, region: ep.region, attempts: attempt };
      }
      last = `${ep.region} ${req.method} ${req.path}: HTTP ${res.status} ${text.slice(0, 200)}`;
      if (req.tally && !askedToRetry(res)) req.tally.failedRequests += 1;
      if (res.status < 500 && res.status !== 429) return { ok: false, reason: last };
    } catch (err) {
      last = `${ep.region} ${req.method} ${req.path}: ${(err as Error).message}`;
      if (req.tally && !connectionRefused(err)) req.tally.failedRequests += 1;
    }
    from.current += 1; // rotate to the next region, as the browser outbox does
    const ceiling = Math.min(retryBackoffMaxMs, retryBackoffBaseMs * 2 ** Math.min(attempt - 1, 20));
    await sleep(Math.min(Math.random() * ceiling, giveUpAt - Date.now()));
  }
  if (req.tally) req.tally.failedRequests += 1;
  return { ok: false, reason: `gave up: ${last}` };
}

function headersFor(req: Request): Record<string, string> {
  const h: Record<string, string> = {};
  if (req.body !== undefined) h['content-type'] = 'application/json';
  if (req.student) {
    h.cookie = req.student.cookie;
    if (req.method !== 'GET') h['x-csrf-token'] = req.student.csrfToken;
  }
  return h;
}

function sessionCookie(setCookies: string[]): string {
  const c = setCookies.find((s) => s.startsWith('sf_session='));
  if (!c) throw new Error('sign-in answered without an sf_session cookie: is this a Steadfast app server?');
  return c.split(';')[0]!;
}

/** Signs a demo student in and loads the Practice assignment's questions. */
export async function signIn(endpoints: AppEndpoint[], index: number): Promise<Student> {
  const email = `student${index + 1}@example.edu`;
  const from = { current: index % endpoints.length };
  const giveUpAt = Date.now() + submitGiveUpMs;
  const cookieOut = { value: '' };
  const session = expectOk(await send(endpoints, from, {
    method: 'POST', path: '/api/session', body: { email, password: demoPassword }, cookieOut,
  }, giveUpAt), `sign in as ${email}`) as { csrfToken: string };
  const student: Student = { email, cookie: cookieOut.value, csrfToken: session.csrfToken, questions: [], current: from.current };
  const get = async (path: string) => expectOk(await send(endpoints, student, { method: 'GET', path, student }, giveUpAt), `${email}: GET ${path}`);
  const courses = await get('/api/courses') as { id: string }[];
  for (const course of courses) {
    const assignments = await get(`/api/courses/${course.id}/assignments`) as { id: string; title: string }[];
    const practice = assignments.find((a) => a.title === practiceAssignmentTitle);
    if (!practice) continue;
    const assignment = await get(`/api/assignments/${practice.id}`) as { questions: Question[] };
    student.questions = assignment.questions.filter((q) => q.parts.length > 0);
    if (student.questions.length > 0) return student;
  }
  throw new Error(`${email} has no "${practiceAssignmentTitle}" assignment with questions: start the app servers with the demo course (DEMO_STUDENTS)`);
}

function expectOk(outcome: Outcome, what: string): unknown {
  if (!outcome.ok) throw new Error(`${what} failed: ${outcome.reason}`);
  return outcome.body;
}

/** A well-formed answer for each part type; `seq` keeps every intent distinct. */
export function answerFor(part: Part, seq: number): string {
  switch (part.type) {
    case 'number': return String(seq + 1);
    case 'quantity': return `${seq + 1} m`;
    case 'formula': return `${seq + 1}`;
    case 'choice': return 'a';
    default: return `answer ${seq + 1}`;
  }
}

export interface ClassOptions {
  endpoints: AppEndpoint[];
  /** Students make new submissions for this long; the last ones may take longer to land. */
  durationMs: number;
  /** Pause between one student's submissions (jittered ±50%); 0 = flat out. */
  intervalMs: number;
}

/** Signs in `count` demo students (student1…), a few at a time. */
export async function signInClass(endpoints: AppEndpoint[], count: number): Promise<Student[]> {
  if (!Number.isInteger(count) || count < 1 || count > studentsMax) {
    throw new Error(`a class has 1 to ${studentsMax} students, not ${count}: pass a smaller --students`);
  }
  const students: Student[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) students[i] = await signIn(endpoints, i);
  };
  await Promise.all(Array.from({ length: Math.min(signInConcurrencyMax, count) }, worker));
  return students;
}

/** Runs the class until durationMs has passed and every outbox is empty or given up. */
export async function runClass(students: Student[], opts: ClassOptions): Promise<ClassResult> {
  if (opts.durationMs < 0 || opts.durationMs > classDurationMaxMs) {
    throw new Error(`a class runs 0 to ${classDurationMaxMs / 1000} s, not ${opts.durationMs / 1000} s: pass a shorter --duration`);
  }
  const result: ClassResult = { acks: [], studentErrors: 0, failedRequests: 0, errorSamples: [] };
  const endAt = Date.now() + opts.durationMs;
  await Promise.all(students.map((s) => runStudent(s, opts, endAt, result)));
  return result;
}

async function runStudent(student: Student, opts: ClassOptions, endAt: number, result: ClassResult): Promise<void> {
  await sleep(Math.random() * opts.intervalMs); // spread the class out instead of a thundering start
  for (let seq = 0; seq < submissionsPerStudentMax && Date.now() < endAt; seq++) {
    const question = student.questions[seq % student.questions.length]!;
    const answers = Object.fromEntries(question.parts.map((p) => [p.id, answerFor(p, seq)]));
    const id = randomUUID(); // named before the first send: every retry is the same submission
    const startedAt = Date.now();
    const body = { id, variantId: question.variantId, answers, capturedAt: new Date(startedAt).toISOString() };
    const outcome = await send(opts.endpoints, student,
      { method: 'POST', path: '/api/submissions', body, student, tally: result }, startedAt + submitGiveUpMs);
    if (outcome.ok) {
      result.acks.push({ id, region: outcome.region, ackAt: new Date(), latencyMs: Date.now() - startedAt, attempts: outcome.attempts });
    } else {
      result.studentErrors += 1;
      if (result.errorSamples.length < errorSamplesMax) result.errorSamples.push(`${student.email}: ${outcome.reason}`);
    }
    await sleep(Math.min(opts.intervalMs * (0.5 + Math.random()), endAt - Date.now()));
  }
}
