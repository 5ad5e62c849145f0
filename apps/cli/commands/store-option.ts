import { Option, CommandRunner } from 'nest-commander';
import { CliUsageError, describeFailure } from '../exit-codes';

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
      refuseExtraArguments(this.command, params);
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

/**
 * Words beyond the arguments a command declares are refused, not ignored: `ledger settle --year
 * 2017 check` (meant: --check) must not append settlement facts, which no correction can take back.
 */
export function refuseExtraArguments(command: Parameters<CommandRunner['setCommand']>[0], params: readonly string[]): void {
  const declared = command.registeredArguments;
  if (declared.some((argument) => argument.variadic) || params.length <= declared.length) return;
  const takes = declared.length === 0 ? 'takes no arguments' : `takes only ${declared.map((argument) => (argument.required ? `<${argument.name()}>` : `[${argument.name()}]`)).join(' ')}`;
  const path: string[] = [];
  for (let c: typeof command | null = command; c?.parent; c = c.parent) path.unshift(c.name()); // circular verify, not verify
  throw new CliUsageError(`${params[declared.length]}: is not a flag or an argument of ledger ${path.join(' ')}, which ${takes} (a flag starts with --)`);
}
