// The `steadfast` command.
const help = `Usage: steadfast <command> [options]

Commands:
  serve                      run the web server (npm start); see steadfast serve --help
  question validate DIR      check a question bank
  question render FILE       show one variant of a question (--seed N --json)
  question grade FILE        grade answers to a variant (--seed N --answer PART=TEXT ... --json)
  regrade                    recompute scores from the attempt log (--course ID [--dry-run])
  storage [status|ensure]    the submissions log's monthly partitions (steadfast storage --help)
  cluster ...                the three-region lab: up, status, down, config, drill (steadfast cluster --help)
  deploy                     replace the lab's app servers one region at a time (steadfast deploy --help)
  backup ...                 pgBackRest backups of the lab: setup, run, list, verify (steadfast backup --help)
  restore --to T --target D  point-in-time recovery into a new data directory (steadfast restore --help)

Each command takes --help.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': return (await import('./serve.ts')).serveCommand(rest);
    case 'question': return (await import('./question.ts')).questionCommand(rest);
    case 'regrade': return (await import('./regrade.ts')).regradeCommand(rest);
    case 'storage': return (await import('./storage.ts')).storageCommand(rest);
    case 'cluster': return (await import('./cluster.ts')).clusterCommand(rest);
    case 'deploy': return (await import('./deploy.ts')).deployCommand(rest);
    case 'backup': return (await import('./backup.ts')).backupCommand(rest);
    case 'restore': return (await import('./backup.ts')).restoreCommand(rest);
    case undefined: case '--help': case '-h': case 'help':
      console.log(help);
      return 0;
    default:
      console.error(`unknown command "${command}"\n\n${help}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (err) => { console.error(`steadfast: ${err instanceof Error ? err.message : String(err)}`); process.exit(1); },
);
