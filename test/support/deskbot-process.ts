import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface DeskbotProcess {
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/** Runs `deskbot start` as its own OS process, the way an operator runs one role of a scaled-out desk. */
export function spawnDeskbot(env: Record<string, string>): DeskbotProcess {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'deskbot.mjs'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => text, exited };
}

/** Waits until the process has printed `pattern`, or fails with what it printed. */
export async function waitForOutput(p: DeskbotProcess, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(p.output())) {
    if (p.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`deskbot did not print ${pattern} (exit ${p.child.exitCode}):\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
