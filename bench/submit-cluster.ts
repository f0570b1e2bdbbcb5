// `npm run bench -- submit --cluster`: the submit benchmark on the regions lab (issue 4).
// Simulated students submit flat out for a fixed time (throughput), then paced at half that
// rate (latency p50/p99, so queueing does not dominate). The baseline is raw single-row
// INSERT transactions at the same concurrency straight to the same synchronous primary.
// Last line: BENCH submit mode=cluster submissions_per_s=… p50_ms=… p99_ms=…
// baseline_inserts_per_s=… ratio=…
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { runClass, signInClass, type AppEndpoint } from '../src/cluster/class-sim.ts';
import { loadLab, primaryRegion, waitHealthy } from '../src/cluster/lab.ts';

export const benchStudentsDefault = 32;
/** Length of each phase (flat out, paced, baseline), seconds. */
export const benchPhaseSecondsDefault = 20;
export const benchPhaseSecondsMax = 600;
export const benchStudentsMax = 500;
export const labHealthyTimeoutMs = 60_000;
/** Each baseline insert is cancelled after this long (a stuck primary ends the run). */
export const baselineStatementTimeoutMs = 10_000;

const baselineTable = 'bench_raw_inserts';

/** The q-quantile (0..1) of ascending samples, nearest rank. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Raw INSERTs, one row per transaction, from `concurrency` connections; rows per second. */
export async function baselineInserts(url: string, concurrency: number, seconds: number): Promise<number> {
  const sql = postgres(url, {
    max: concurrency, onnotice: () => {},
    connection: { statement_timeout: baselineStatementTimeoutMs, application_name: 'steadfast-bench' },
  });
  try {
    await sql`DROP TABLE IF EXISTS ${sql(baselineTable)}`;
    await sql`CREATE TABLE ${sql(baselineTable)} (
      id uuid PRIMARY KEY, answers jsonb NOT NULL, server_time timestamptz NOT NULL DEFAULT clock_timestamp())`;
    const startedAt = Date.now();
    const endAt = startedAt + seconds * 1000;
    let rows = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (Date.now() < endAt) {
        await sql`INSERT INTO ${sql(baselineTable)} (id, answers) VALUES (gen_random_uuid(), ${sql.json({ p1: '42' })})`;
        rows += 1;
      }
    }));
    const rate = rows / ((Date.now() - startedAt) / 1000);
    await sql`DROP TABLE ${sql(baselineTable)}`;
    return rate;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function bounded(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${text}"`);
  return n;
}

export interface SubmitMeasurement { perS: number; p50Ms: number; p99Ms: number }

/** Flat out for `seconds` (throughput), then paced at half that rate for `seconds` (latency). */
export async function measureSubmissions(endpoints: AppEndpoint[], students: number, seconds: number): Promise<SubmitMeasurement> {
  const class_ = await signInClass(endpoints, students);
  const flatStart = Date.now();
  const flat = await runClass(class_, { endpoints, durationMs: seconds * 1000, intervalMs: 0 });
  const perS = flat.acks.length / ((Date.now() - flatStart) / 1000);
  console.log(`flat out: ${students} students, ${flat.acks.length} submissions in ${seconds} s, ${flat.studentErrors} student errors`);
  // Half the flat-out rate, spread over the class: each student waits students / (rate / 2) s.
  const intervalMs = (students / (perS / 2)) * 1000;
  const paced = await runClass(class_, { endpoints, durationMs: seconds * 1000, intervalMs });
  const latencies = paced.acks.map((a) => a.latencyMs).sort((a, b) => a - b);
  console.log(`paced: ${paced.acks.length} submissions at ~${(perS / 2).toFixed(0)}/s, ${paced.studentErrors} student errors`);
  return { perS, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

/** The benchmark's last line; `mode` is omitted for the single-server run. */
export function benchLine(m: SubmitMeasurement, baselinePerS: number, mode?: string): string {
  return `BENCH submit ${mode ? `mode=${mode} ` : ''}submissions_per_s=${m.perS.toFixed(1)} p50_ms=${m.p50Ms.toFixed(1)} ` +
    `p99_ms=${m.p99Ms.toFixed(1)} baseline_inserts_per_s=${baselinePerS.toFixed(1)} ratio=${(m.perS / baselinePerS).toFixed(2)}`;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args, strict: true,
    options: { students: { type: 'string' }, seconds: { type: 'string' }, dir: { type: 'string' } },
  });
  const students = bounded('students', values.students, benchStudentsDefault, benchStudentsMax);
  const seconds = bounded('seconds', values.seconds, benchPhaseSecondsDefault, benchPhaseSecondsMax);
  const lab = loadLab(resolve(values.dir ?? '.lab'));
  await waitHealthy(lab, labHealthyTimeoutMs);
  const endpoints: AppEndpoint[] = lab.regions.map((r) => ({ region: r.name, url: r.appUrl }));
  const measured = await measureSubmissions(endpoints, students, seconds);
  const primary = await primaryRegion(lab);
  const baseline = await baselineInserts(lab.superuserUrl(primary), students, seconds);
  console.log(`baseline: raw single-row INSERT transactions on the synchronous primary (${primary}), ${students} connections`);
  console.log(benchLine(measured, baseline, 'cluster'));
}
