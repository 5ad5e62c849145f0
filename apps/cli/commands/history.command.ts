import { Command, Option } from 'nest-commander';
import { history } from '../../../projections';
import { canonicalJson } from '../../../libs/canonical';
import { isFactKind } from '../../../events';
import { dayOrMonthProblem, dayOrMonthRangeProblem } from '../../../libs/validation';
import { CliUsageError } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { printJson, ViewCommand, type ViewOptions } from './view-options';

interface HistoryOptions extends ViewOptions {
  unit?: string;
  type?: string;
  from?: string;
  to?: string;
  since?: string;
}

/** `ledger history [--unit] [--type] [--from] [--to] [--since]`: the facts, with who recorded them and when. */
@Command({ name: 'history', description: 'the facts themselves, with who recorded them and when' })
export class HistoryCommand extends ViewCommand<HistoryOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--unit <unit>', description: 'unit id or any of its names' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({ flags: '--type <FactKind>', description: 'one fact kind, e.g. InformationAdopted' })
  parseType(value: string): string {
    return value;
  }

  @Option({ flags: '--from <date>', description: 'first valid date (YYYY-MM-DD or YYYY-MM)' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <date>', description: 'last valid date (YYYY-MM-DD or YYYY-MM)' })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--since <position, time or circular id>', description: 'only the facts recorded after a ledger position, an ISO time, or an issued circular (its id): what changed since' })
  parseSince(value: string): string {
    return value;
  }

  protected async execute(_params: string[], options: HistoryOptions): Promise<void> {
    if (options.type !== undefined && !isFactKind(options.type)) throw new CliUsageError(`--type: ${options.type} is not a fact kind`);
    for (const flag of ['from', 'to'] as const) {
      const value = options[flag];
      const problem = value === undefined ? null : dayOrMonthProblem(value);
      if (problem) throw new CliUsageError(`--${flag}: ${value} ${problem}`);
    }
    const inverted = options.from !== undefined && options.to !== undefined ? dayOrMonthRangeProblem(options.from, options.to) : null;
    if (inverted) throw new CliUsageError(`--to: ${inverted}`);
    const format = this.format(options, ['json', 'ndjson']);
    const views = await this.session.views(options.store);
    const model = views.model;
    const unit = options.unit?.trim(); // names are registered without surrounding spaces
    if (unit !== undefined && !model.names.has(unit)) throw new CliUsageError(`--unit: no registered unit is named ${unit}`);
    const after = options.since === undefined ? undefined : views.sincePosition(options.since);
    const entries = history(model, { unit, type: options.type, from: options.from, to: options.to, after }, views.positionFor(options.asOf));
    if (format === 'ndjson') for (const entry of entries) process.stdout.write(`${canonicalJson(entry)}\n`);
    else printJson(entries);
  }
}
