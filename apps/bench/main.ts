import { apiBenchOptionsFrom, runApiBench } from './api.bench';
import { cappedBenchOptionsFrom, runCappedBench } from './capped.bench';
import { replayBenchOptionsFrom, runReplayBench } from './replay.bench';
import { runStoreBench, storeBenchOptionsFrom } from './store.bench';

/**
 * `npm run bench -- <name> [flags]`: each benchmark prints a report of figures measured in the same
 * run, with their targets, and exits 0 whatever the figures (a report, not a gate).
 */
const USAGE = `usage: bench <name> [flags]
  store   SQLite store through the port vs raw better-sqlite3 (--single N --batches N --batch-size N)
  replay  province-scale ledger: replay vs raw read, peak memory, as-of queries, checkpoint start-up
          (--facts N --seed N --queries N --check N)
  api     \`ledger serve\` (built, a child process) over the 2017 fixture under autocannon on loopback:
          table reads, as-of reads, explanations, appends (--duration <s> per scenario --connections <n>)
  capped  capped submission points (county scheme) folded with submissions out of valid-date order
          (--submissions N --units N --seed N)`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  switch (name) {
    case 'store': {
      const options = parsed(() => storeBenchOptionsFrom(args));
      if (options === undefined) return 2;
      await runStoreBench(options);
      return 0;
    }
    case 'replay': {
      const options = parsed(() => replayBenchOptionsFrom(args));
      if (options === undefined) return 2;
      await runReplayBench(options);
      return 0;
    }
    case 'api': {
      const options = parsed(() => apiBenchOptionsFrom(args));
      if (options === undefined) return 2;
      await runApiBench(options);
      return 0;
    }
    case 'capped': {
      const options = parsed(() => cappedBenchOptionsFrom(args));
      if (options === undefined) return 2;
      runCappedBench(options);
      return 0;
    }
    default:
      console.error(name === undefined ? USAGE : `unknown benchmark: ${name}\n${USAGE}`);
      return 2;
  }
}

/** Flags that cannot be read are a usage error (exit 2), not a crash. */
function parsed<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return undefined;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
