// Network namespaces for a lab run as root with --netns: one namespace per region, joined by a
// bridge in a namespace of its own, so a region's link can be cut (a silent partition).
// Addresses: a private /24 (10.77.N.0/24) that exists only on veths inside these namespaces and
// on one host-side veth, so the host can reach the app servers; that traffic never leaves the machine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { ipBin } from './engines.ts';

export interface NetnsPlan {
  /** Third octet of 10.77.N.0/24, derived from the lab dir so two labs do not collide. */
  subnetOctet: number;
  cidr: string;
  hostAddress: string;
  firstAddress: string;
  bridgeNamespace: string;
  regionNamespaces: string[];
  /** Bridge-side veth of each region: its link state is the region's connectivity. */
  bridgeVeths: string[];
  hostVeth: string;
}

/** Lowest and span of the subnet octet (10.77.20.0/24 … 10.77.219.0/24). */
const subnetOctetMin = 20;
const subnetOctetSpan = 200;

export function netnsPlan(dir: string, regionCount: number): NetnsPlan {
  const n = subnetOctetMin + (createHash('sha256').update(dir).digest().readUInt16BE(0) % subnetOctetSpan);
  const indices = [...Array(regionCount).keys()];
  return {
    subnetOctet: n,
    cidr: `10.77.${n}.0/24`,
    hostAddress: `10.77.${n}.1`,
    firstAddress: `10.77.${n}.11`,
    bridgeNamespace: `sf${n}-br`,
    regionNamespaces: indices.map((i) => `sf${n}-r${i}`),
    bridgeVeths: indices.map((i) => `sf${n}b${i}`),
    hostVeth: `sf${n}h`,
  };
}

function ip(...args: string[]): void {
  execFileSync(ipBin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('network namespaces need root: run `steadfast cluster up --netns` as root, or drop --netns');
  }
}

/** Creates the bridge namespace, one namespace per region, and the host's veth into the bridge. */
export function createNetwork(plan: NetnsPlan, addresses: string[], log: (line: string) => void): void {
  requireRoot();
  deleteNetwork(plan);
  const br = plan.bridgeNamespace;
  ip('netns', 'add', br);
  ip('-n', br, 'link', 'set', 'lo', 'up');
  ip('-n', br, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', br, 'link', 'set', 'br0', 'up');
  plan.regionNamespaces.forEach((ns, i) => {
    const regionVeth = `sf${plan.subnetOctet}r${i}`;
    ip('netns', 'add', ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    ip('link', 'add', regionVeth, 'type', 'veth', 'peer', 'name', plan.bridgeVeths[i]);
    ip('link', 'set', regionVeth, 'netns', ns);
    ip('link', 'set', plan.bridgeVeths[i], 'netns', br);
    ip('-n', ns, 'link', 'set', regionVeth, 'name', 'eth0');
    ip('-n', ns, 'addr', 'add', `${addresses[i]}/24`, 'dev', 'eth0');
    ip('-n', ns, 'link', 'set', 'eth0', 'up');
    ip('-n', br, 'link', 'set', plan.bridgeVeths[i], 'master', 'br0', 'up');
  });
  const hostPeer = `${plan.hostVeth}b`;
  ip('link', 'add', plan.hostVeth, 'type', 'veth', 'peer', 'name', hostPeer);
  ip('link', 'set', hostPeer, 'netns', br);
  ip('-n', br, 'link', 'set', hostPeer, 'master', 'br0', 'up');
  ip('addr', 'add', `${plan.hostAddress}/24`, 'dev', plan.hostVeth);
  ip('link', 'set', plan.hostVeth, 'up');
  log(`network namespaces ${plan.regionNamespaces.join(', ')} on ${plan.cidr} (host ${plan.hostAddress})`);
}

/** Removes the lab's namespaces (their veths go with them); absent ones are skipped. */
export function deleteNetwork(plan: NetnsPlan): void {
  for (const ns of [...plan.regionNamespaces, plan.bridgeNamespace]) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // Not there: nothing to remove.
    }
  }
}

/** Link up or down on the bridge side: down drops the region's packets silently, like a cut cable. */
export function setLinkUp(plan: NetnsPlan, regionIndex: number, up: boolean): void {
  requireRoot();
  ip('-n', plan.bridgeNamespace, 'link', 'set', plan.bridgeVeths[regionIndex], up ? 'up' : 'down');
}
