// A long-running `broadsheet build --watch` or `serve` as a child process: what it printed so far, and a wait
// for its n-th build (each ends with a "watching … for changes" line).
import { spawnCli } from "./run-cli.ts";

const WATCHING = /^watching .* for changes/gm;

export interface WatchingCli extends ReturnType<typeof spawnCli> {
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Builds finished so far. */
  builds(): number;
  /** Resolves once `count` builds have finished; rejects after 60 s or when the process has exited. */
  built(count: number): Promise<void>;
}

export function spawnWatchingCli(argv: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): WatchingCli {
  const cli = spawnCli(argv, options);
  let text = "";
  cli.child.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  cli.child.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const builds = () => text.match(WATCHING)?.length ?? 0;
  return {
    ...cli,
    output: () => text,
    builds,
    async built(count) {
      const deadline = Date.now() + 60_000;
      while (builds() < count) {
        if (Date.now() > deadline || cli.child.exitCode !== null) throw new Error(`no build ${count} (${builds()} so far):\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}
