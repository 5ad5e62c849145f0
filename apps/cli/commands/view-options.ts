import { Option } from 'nest-commander';
import { CliUsageError } from '../exit-codes';
import { LedgerCommand, type StoreOptions } from './store-option';
import { yearProblem } from '../../../libs/validation';
import { partOfYear } from '../../../projections';

export interface ViewOptions extends StoreOptions {
  asOf?: string;
  format?: string;
}

/** Base for the read commands: `--as-of` and `--format`, checked before anything is opened. */
export abstract class ViewCommand<O extends ViewOptions> extends LedgerCommand<O> {
  @Option({ flags: '--as-of <position or ISO time>', description: 'the view as it was at a ledger position or recorded time (a time with its offset, e.g. 2018-01-16T10:00+08:00; a bare day is its start in UTC)' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'output format' })
  parseFormat(value: string): string {
    return value;
  }

  /**
   * A year with no scheme recorded (as of the position) gives an empty table: the table is the
   * answer (stdout, as always), and stderr says why it is empty.
   */
  protected noteWithoutScheme(view: { readonly scheme: unknown; readonly asOf: { readonly position: number } }, period: string, empty = 'the table is empty'): void {
    if (view.scheme === null) process.stderr.write(`note: no scheme is recorded for ${period.slice(0, 4)} as of position ${view.asOf.position}: ${empty}\n`);
  }

  protected format(options: O, allowed: readonly string[]): string {
    const format = options.format ?? allowed[0];
    if (!allowed.includes(format)) throw new CliUsageError(`--format: must be one of ${allowed.join(', ')}`);
    return format;
  }
}

export function yearOption(value: string | undefined, flag = '--year'): number {
  if (value === undefined) throw new CliUsageError(`${flag}: is required (e.g. ${flag} 2017)`);
  const problem = yearProblem(value);
  if (problem) throw new CliUsageError(`${flag}: ${value} ${problem}`);
  return Number(value);
}

/** A month, or a quarter or merged months for schemes whose circulars cover those (2017-03, 2017-Q1, 2017-01/02). */
export function partOfYearOption(value: string | undefined, flag = '--month'): string {
  if (value === undefined) throw new CliUsageError(`${flag}: is required (e.g. ${flag} 2017-03)`);
  if (partOfYear(value) === null) throw new CliUsageError(`${flag}: ${value} is not a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)`);
  return value;
}

export function monthOption(value: string | undefined, flag = '--month'): string {
  if (value === undefined) throw new CliUsageError(`${flag}: is required (e.g. ${flag} 2017-03)`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new CliUsageError(`${flag}: ${value} is not a month (YYYY-MM)`);
  return value;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
