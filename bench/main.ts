// `npm run bench -- <name> [options]`: runs one benchmark; its last line is the one-line summary.
const benches: Record<string, { file: string; about: string }> = {
  submit: { file: './submit.ts', about: 'submissions over HTTP vs raw INSERTs (embedded; --cluster for the lab)' },
  check: { file: './check.ts', about: 'grades per second of one formula, number and quantity answer from its question, on one core' },
  storage: { file: './storage.ts', about: 'bytes per stored submission (table + indexes) after loading a term (--submissions N, default 10 million)' },
  'seed-region': { file: './seed-region.ts', about: 'a new region seeded from the backup repository vs a raw copy of the data directory (--gb N)' },
  pages: { file: './pages.ts', about: 'start-of-class spike: students sign in, then load the dashboard and an assignment page at once' },
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`Usage: npm run bench -- <name> [options]\n\n${Object.entries(benches).map(([n, b]) => `  ${n.padEnd(8)} ${b.about}`).join('\n')}`);
  process.exit(name ? 2 : 0);
}
const mod = await import(bench.file) as { run(args: string[]): Promise<void> };
await mod.run(args);
process.exit(0);
