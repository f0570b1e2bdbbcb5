// `steadfast deploy`: replaces the regions lab's app servers one region at a time (src/ops/deploy.ts).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../cluster/lab-region.ts';
import { loadLab } from '../cluster/lab.ts';
import { deployApps, deployDrainTimeoutMs, deployReadyTimeoutMs } from '../ops/deploy.ts';

export const deployHelp = `Usage: steadfast deploy [--dir D]

Replaces the app servers of a running regions lab (default ${resolve(repoRoot, '.lab')}) with the
code on disk, one region at a time: the new server starts on the region's other port, and once
its /readyz answers (at most ${deployReadyTimeoutMs / 1000} s) the lab routes the region to it; the old one
then drains (in-flight requests finish, new ones get 503 with Retry-After) and exits (at most
${deployDrainTimeoutMs / 1000} s). A region always has a listening app server. Real hosts: docs/operations.md.`;

export async function deployCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) { console.log(deployHelp); return 0; }
  const lab = loadLab(resolve(values.dir ?? resolve(repoRoot, '.lab')));
  const log = (line: string) => console.log(`deploy: ${line}`);
  const started = Date.now();
  const done = await deployApps(lab, log);
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${done.map((d) => `${d.region} ${d.toUrl}`).join(', ')}`);
  return 0;
}
