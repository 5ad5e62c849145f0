import { Command, Option } from 'nest-commander';
import { annualTable, explain, monthlyView } from '../../../projections';
import { explanationToText } from '../../../libs/rendering';
import { CliUsageError } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { partOfYearOption, printJson, ViewCommand, yearOption, type ViewOptions } from './view-options';

interface ExplainOptions extends ViewOptions {
  unit?: string;
  year?: string;
  month?: string;
}

/** `ledger explain --unit <id or alias> --year Y [--month YYYY-MM | YYYY-Q1 | YYYY-01/02]`: every point of a unit's score. */
@Command({ name: 'explain', description: "every point of a unit's score: fact, rule, scheme version, corrections, running total" })
export class ExplainCommand extends ViewCommand<ExplainOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--unit <unit>', description: 'unit id or any of its names' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({ flags: '--year <year>', description: 'the year' })
  parseYear(value: string): string {
    return value;
  }

  @Option({ flags: '--month <YYYY-MM>', description: 'one month of the year; or a quarter (2017-Q1) or merged months (2017-01/02), as monthly takes' })
  parseMonth(value: string): string {
    return value;
  }

  protected async execute(_params: string[], options: ExplainOptions): Promise<void> {
    if (options.unit === undefined) throw new CliUsageError('--unit: is required (an id or any name of the unit)');
    const year = yearOption(options.year);
    const month = options.month === undefined ? null : partOfYearOption(options.month);
    if (month !== null && !month.startsWith(`${year}-`)) throw new CliUsageError(`--month: ${month} is not in --year ${year}`);
    const format = this.format(options, ['json', 'text']);
    const views = await this.session.views(options.store);
    const p = views.positionFor(options.asOf);
    const explanation = explain(views.model, options.unit.trim(), year, month, p);
    // The total equals the unit's row in the table asked alike; of a unit in no row (as 市金融办, which left the scheme in 2017) that is said.
    const table = month === null ? annualTable(views.model, year, p, views.index) : monthlyView(views.model, month, p, views.index);
    this.noteWithoutScheme(table, month ?? String(year), 'no point of it is scored');
    if (table.scheme !== null && !table.groups.some((g) => g.rows.some((r) => r.unitId === explanation.unitId))) {
      process.stderr.write(`note: ${explanation.unit} is in no row of the ${month ?? year} table as of position ${table.asOf.position} (on the period's last day it has no place in the scheme: never enrolled, or withdrawn; or its group has no target and it scored nothing): its points count in no table\n`);
    }
    if (format === 'text') process.stdout.write(explanationToText(explanation));
    else printJson(explanation);
  }
}
