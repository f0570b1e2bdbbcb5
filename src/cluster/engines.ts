// The Debian-packaged engines the regions lab runs, and the check that they are installed.
// The lab never installs anything itself: it names the missing packages and stops.
import { accessSync, constants } from 'node:fs';

/** PostgreSQL 15 server binaries (Debian postgresql-15). */
export const postgresBinDir = '/usr/lib/postgresql/15/bin';
/** Run Patroni's own executables: `python3` on PATH may lack Patroni's modules. */
export const patroniBin = '/usr/bin/patroni';
export const patronictlBin = '/usr/bin/patronictl';
export const etcdBin = '/usr/bin/etcd';
export const setprivBin = '/usr/bin/setpriv';
export const ipBin = '/usr/sbin/ip';

/** Each executable the lab needs, and the Debian package that ships it. */
const requiredExecutables: { path: string; pkg: string }[] = [
  { path: `${postgresBinDir}/postgres`, pkg: 'postgresql-15' },
  { path: patroniBin, pkg: 'patroni' },
  { path: patronictlBin, pkg: 'patroni' },
  { path: etcdBin, pkg: 'etcd-server' },
  { path: '/usr/bin/etcdctl', pkg: 'etcd-client' },
  { path: setprivBin, pkg: 'util-linux' },
];

/** Extra executables for network-namespace mode. */
const netnsExecutables: { path: string; pkg: string }[] = [{ path: ipBin, pkg: 'iproute2' }];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Debian packages missing for a lab (empty when everything is installed). */
export function missingPackages(netns: boolean): string[] {
  const wanted = netns ? [...requiredExecutables, ...netnsExecutables] : requiredExecutables;
  return [...new Set(wanted.filter((e) => !executable(e.path)).map((e) => e.pkg))];
}

/** Throws, naming the exact install command, when an engine is missing. */
export function requireEngines(netns: boolean): void {
  const missing = missingPackages(netns);
  if (missing.length > 0) {
    throw new Error(`the regions lab needs Debian packages that are not installed: ${missing.join(', ')}.\n` +
      `Install them as root, then run the command again:\n  apt-get install -y ${missing.join(' ')}`);
  }
}
