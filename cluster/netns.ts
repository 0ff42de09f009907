// The cluster's network: one Linux network namespace per host, each with a veth pair whose other
// end is on a bridge in the root namespace. Hosts reach one another (and the root namespace, where
// PostgreSQL and the media server listen on the bridge address) over real TCP across namespaces.
import { execFileSync } from 'node:child_process';

export const bridge = 'mtc-br0';
export const subnet = '10.77.0.0/24';
export const bridgeAddress = '10.77.0.1';
/** Namespaces are prefixed so that cleanup never touches someone else's `api` or `s3`. */
export const prefix = 'mtc-';

export interface Host { name: string; namespace: string; address: string }

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const quiet = (...args: string[]) => { try { ip(...args); } catch { /* already gone */ } };

/** Namespaces of ours that exist now (of this run or an aborted earlier one). */
export function ourNamespaces(): string[] {
  const listed = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return listed.split('\n').map((line) => line.split(' ')[0]).filter((name) => name.startsWith(prefix));
}

/** Processes still running in a namespace (`ip netns pids`). */
export function pidsIn(namespace: string): number[] {
  try {
    return execFileSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** SIGKILLs everything in the namespace: the host "loses power". */
export function killNamespace(namespace: string): number[] {
  const pids = pidsIn(namespace);
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* already dead */ } }
  return pids;
}

/** Removes our namespaces (killing what runs in them) and the bridge; safe to call twice. */
export function teardown(): void {
  for (const namespace of ourNamespaces()) {
    killNamespace(namespace);
    quiet('netns', 'delete', namespace); // deletes the veth pair with it
  }
  quiet('link', 'delete', bridge);
}

export function setup(hostNames: string[]): Host[] {
  teardown(); // leftovers of an aborted run
  ip('link', 'add', bridge, 'type', 'bridge');
  ip('addr', 'add', `${bridgeAddress}/24`, 'dev', bridge);
  ip('link', 'set', bridge, 'up');
  return hostNames.map((name, index) => {
    const namespace = `${prefix}${name}`;
    const address = `10.77.0.${index + 2}`;
    // Interface names are at most 15 characters: short ones by index.
    const outside = `mtc-v${index}`;
    const inside = `mtc-p${index}`;
    ip('netns', 'add', namespace);
    ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', inside);
    ip('link', 'set', inside, 'netns', namespace);
    ip('link', 'set', outside, 'master', bridge);
    ip('link', 'set', outside, 'up');
    ip('-n', namespace, 'link', 'set', 'lo', 'up');
    ip('-n', namespace, 'link', 'set', inside, 'name', 'eth0');
    ip('-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
    ip('-n', namespace, 'link', 'set', 'eth0', 'up');
    ip('-n', namespace, 'route', 'add', 'default', 'via', bridgeAddress);
    return { name, namespace, address };
  });
}
