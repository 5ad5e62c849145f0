import { Option, CommandRunner } from 'nest-commander';
import { describeFailure } from '../exit-codes';

export interface StoreOptions {
  store?: string;
}

/** Base for commands that open the ledger: the shared `--store` flag and one-line failures. */
export abstract class LedgerCommand<O extends StoreOptions = StoreOptions> extends CommandRunner {
  @Option({ flags: '--store <url>', description: 'sqlite:<path> (default sqlite:./data/ledger.db), esdb://host:port?tls=false, or memory:' })
  parseStore(value: string): string {
    return value;
  }

  async run(params: string[], options: O = {} as O): Promise<void> {
    try {
      process.exitCode = (await this.execute(params, options)) ?? 0;
    } catch (error) {
      const failure = describeFailure(error);
      process.stderr.write(`${failure.line}\n`);
      process.exitCode = failure.code;
    }
  }

  /** Returns the exit code (0 when omitted). */
  protected abstract execute(params: string[], options: O): Promise<number | void>;
}
