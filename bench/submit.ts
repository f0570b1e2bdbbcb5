// `npm run bench -- submit [--students N] [--seconds S] [--cluster]`: simulated students post valid
// submissions over HTTP to a `steadfast serve` on its embedded PostgreSQL, flat out (throughput),
// then paced at half that rate (latency). In the same run, the baseline: raw single-row INSERT
// transactions at the same concurrency straight to the same PostgreSQL, same durability settings.
// Last line: BENCH submit submissions_per_s=… p50_ms=… p99_ms=… baseline_inserts_per_s=… ratio=…
// With --cluster, the same measurement on the regions lab (bench/submit-cluster.ts).
import { parseArgs } from 'node:util';
import type { AppEndpoint } from '../src/cluster/class-sim.ts';
import { startServe } from '../src/ops/serve-process.ts';
import { embeddedDatabase, embeddedPassword, embeddedUrl } from '../src/store/embedded.ts';
import {
  baselineInserts, benchLine, benchPhaseSecondsDefault, benchPhaseSecondsMax, benchStudentsDefault, benchStudentsMax, bounded,
  measureSubmissions, run as runCluster,
} from './submit-cluster.ts';

const benchHttpPort = 39_181;
const benchPgPort = 39_182;

export async function run(args: string[]): Promise<void> {
  if (args.includes('--cluster')) return runCluster(args.filter((a) => a !== '--cluster'));
  const { values } = parseArgs({ args, strict: true, options: { students: { type: 'string' }, seconds: { type: 'string' } } });
  const students = bounded('students', values.students, benchStudentsDefault, benchStudentsMax);
  const seconds = bounded('seconds', values.seconds, benchPhaseSecondsDefault, benchPhaseSecondsMax);
  const server = await startServe({ port: benchHttpPort, pgPort: benchPgPort, env: { DEMO_STUDENTS: String(students) } });
  try {
    const endpoints: AppEndpoint[] = [{ region: 'local', url: server.url }];
    const measured = await measureSubmissions(endpoints, students, seconds);
    const baseline = await baselineInserts(embeddedUrl(embeddedPassword(server.dataDir), benchPgPort, embeddedDatabase), students, seconds);
    console.log(`baseline: raw single-row INSERT transactions on the same embedded PostgreSQL, ${students} connections`);
    console.log(benchLine(measured, baseline));
  } finally {
    await server.dispose();
  }
}
