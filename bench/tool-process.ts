// The server's ffmpeg for a task, seen from outside through /proc (Linux): its exact command
// line and how long it ran; and running a command directly, timed, for the baseline.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The task's UUID from its GraphQL id (base64 of "Task:<uuid>"): the server's paths contain it. */
export function taskUuid(id: string): string {
  const decoded = Buffer.from(id, 'base64').toString();
  if (!decoded.startsWith('Task:')) throw new Error(`task id ${id} is not base64 of "Task:<uuid>" (decodes to ${JSON.stringify(decoded)})`);
  return decoded.slice('Task:'.length);
}

export interface SeenProcess {
  /** argv as read from /proc/<pid>/cmdline. */
  argv: string[];
  pid: number;
  /** From first seen to seen gone, in ms; ±intervalMs. Null if it was still running at stop(). */
  lifetimeMs: number | null;
}

export interface ProcessWatch {
  /** Stops polling; what was seen, or null if no matching process appeared. */
  stop(): SeenProcess | null;
}

/**
 * Polls /proc every intervalMs for a process whose command line contains `marker` (the task's
 * UUID) and whose binary is ffmpeg, then watches that pid until it exits. Reads are synchronous
 * (asynchronous reads of /proc cost ~20x more CPU here) and incremental: a pid's cmdline is read
 * again only while it is new or still a pre-exec fork of the server (the same cmdline as the
 * server's), so polling costs well under a millisecond a round.
 */
export function watchToolProcess(marker: string, serverPid: number, intervalMs = 20): ProcessWatch {
  const serverCmdline = readProc(serverPid, 'cmdline');
  const known = new Map<string, string>();
  let seen: { argv: string[]; pid: number; firstSeen: number; gone: number | null } | null = null;

  const scan = () => {
    const pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    for (const pid of pids) {
      const cached = known.get(pid);
      // A process naming the task is read again: setpriv (the tools' wrapper) becomes ffmpeg in the same pid.
      if (cached !== undefined && cached !== '' && cached !== serverCmdline && !cached.includes(marker)) continue;
      const cmdline = readProc(Number(pid), 'cmdline');
      known.set(pid, cmdline);
      if (!cmdline.includes(marker)) continue;
      const argv = cmdline.split('\0').filter((arg, index, all) => arg !== '' || index < all.length - 1);
      const binary = path.basename(argv[0] ?? '');
      if (binary.includes('ffmpeg') && !binary.includes('ffprobe')) {
        seen = { argv, pid: Number(pid), firstSeen: performance.now(), gone: null };
        return;
      }
    }
  };
  const tick = () => {
    if (!seen) return scan();
    if (seen.gone !== null) return;
    // Gone, or a zombie the server has not reaped yet: either way ffmpeg's work is over.
    const stat = readProc(seen.pid, 'stat');
    if (stat === '' || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') {
      seen.gone = performance.now();
      clearInterval(timer);
    }
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    stop() {
      clearInterval(timer);
      if (!seen) return null;
      return { argv: seen.argv, pid: seen.pid, lifetimeMs: seen.gone === null ? null : seen.gone - seen.firstSeen };
    },
  };
}

function readProc(pid: number, file: 'cmdline' | 'stat'): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return ''; // exited between readdir and read
  }
}

export interface DirectCommand {
  binary: string;
  args: string[];
  /** For the report: the command with the input and output as <input> and <output>. */
  display: string;
}

/**
 * The captured command with the task's files swapped for local ones: the argument after its one
 * -i becomes `inputPath`, the last argument (the output, in the task's folder) `outputPath`. Any
 * other argument naming the task would mean a command this does not understand: an error.
 */
export function redirectCommand(argv: string[], marker: string, inputPath: string, outputPath: string): DirectCommand {
  const [binary, ...args] = argv;
  const shown = [...args];
  let inputs = 0;
  let output = false;
  args.forEach((arg, index) => {
    // The input is the stored file (its path names no task), the output is in the task's folder.
    if (args[index - 1] === '-i') {
      args[index] = inputPath;
      shown[index] = '<input>';
      inputs++;
    } else if (!arg.includes(marker)) {
      return;
    } else if (index === args.length - 1) {
      args[index] = outputPath;
      shown[index] = '<output>';
      output = true;
    } else {
      throw new Error(`the server's ffmpeg argument ${index + 1} names the task's files but is neither the input (after -i) nor the output (last): ${arg}\n  command: ${argv.join(' ')}`);
    }
  });
  if (inputs !== 1 || !output) {
    throw new Error(`expected the server's ffmpeg command to read one input and write one output of the task, found ${inputs} input(s) and ${output ? 'an' : 'no'} output:\n  ${argv.join(' ')}`);
  }
  return { binary, args, display: [path.basename(binary), ...shown].map(shellQuote).join(' ') };
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./<>-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Runs a command to completion, stderr piped (as the server does) and kept for errors; the wall time in ms. */
export function runTimed(binary: string, args: string[], timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    // Never outlive the benchmark (an interrupt mid-run).
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(binary)} did not finish within ${timeoutMs / 1000} s (killed); its last output:\n${lastLines(stderr)}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${binary}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      const elapsed = performance.now() - started;
      clearTimeout(timer);
      if (code === 0) resolve(elapsed);
      else reject(new Error(`${path.basename(binary)} ended with ${code === null ? `signal ${signal}` : `exit code ${code}`}; its last output:\n${lastLines(stderr)}`));
    });
  });
}

const lastLines = (text: string) => text.split(/[\r\n]+/).filter(Boolean).slice(-6).join('\n') || '(none)';
