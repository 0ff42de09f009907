// Memory and CPU of a process, from /proc (Linux).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** Reads a field such as VmRSS or VmHWM of /proc/<pid>/status, in MB. */
export function readMemoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status (has the process exited?)`);
  return Number(match[1]) / 1024;
}

export interface MemoryWatch {
  /** Stops sampling; the RSS samples and the last peak (VmHWM) read, kept even if the process died. */
  stop(): { samplesMb: number[]; peakMb: number };
}

/** Samples VmRSS and VmHWM every intervalMs. */
export function watchMemory(pid: number, intervalMs = 200): MemoryWatch {
  const samplesMb: number[] = [];
  let peakMb = Number.NaN;
  const take = () => {
    try {
      samplesMb.push(readMemoryMb(pid, 'VmRSS'));
      peakMb = readMemoryMb(pid, 'VmHWM');
    } catch { /* the process is gone: keep what was read */ }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { samplesMb, peakMb };
    },
  };
}

/**
 * CPU time (user + system) the process has used so far, in ms, from /proc/<pid>/stat; with
 * children, plus that of its exited and waited-for children (ffmpeg runs, once reaped).
 */
export function readCpuMs(pid: number, options: { children?: boolean } = {}): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const clockTicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux
  const children = options.children ? Number(fields[13]) + Number(fields[14]) : 0;
  return ((Number(fields[11]) + Number(fields[12]) + children) * 1000) / clockTicksPerSecond;
}

/** The PostgreSQL server's postmaster, from its data folder's postmaster.pid (needs a superuser and this machine). */
export async function postmasterPid(client: pg.Client): Promise<number> {
  const { rows: [{ setting }] } = await client.query<{ setting: string }>(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`);
  return Number(fs.readFileSync(path.join(setting, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** CPU of the postmaster and every process it forked (backends, background workers), in ms. */
export function postgresCpuMs(postmaster: number): number {
  let total = readCpuMs(postmaster, { children: true });
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === postmaster) total += readCpuMs(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** CPU used by every process of the PostgreSQL server at `url` since the call, in ms (read()). */
export async function postgresCpuMeter(url: string): Promise<{ read(): number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const postmaster = await postmasterPid(client).finally(() => client.end());
  const start = postgresCpuMs(postmaster);
  return { read: () => postgresCpuMs(postmaster) - start };
}

/** CPU of the process's exited and waited-for children so far (a tool it ran, once reaped), in ms. */
export function readChildrenCpuMs(pid: number): number {
  return readCpuMs(pid, { children: true }) - readCpuMs(pid);
}
