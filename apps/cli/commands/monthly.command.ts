import { Command, Option } from 'nest-commander';
import { monthlyView } from '../../../projections';
import { monthlyToHtml, monthlyToMarkdown, monthlyToXlsx, tableToCsv } from '../../../libs/rendering';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { partOfYearOption, printJson, ViewCommand, type ViewOptions } from './view-options';

interface MonthlyOptions extends ViewOptions {
  month?: string;
}

/** `ledger monthly --month YYYY-MM [--as-of ...] [--format json|csv|html|xlsx|md]`: the month's completion view and the units with zero adoptions. */
@Command({ name: 'monthly', description: 'the monthly completion view and the units with zero adoptions that month' })
export class MonthlyCommand extends ViewCommand<MonthlyOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--month <YYYY-MM>', description: 'the month, e.g. 2017-03; or a quarter (2017-Q1) or merged months (2017-01/02) for schemes whose circulars cover those' })
  parseMonth(value: string): string {
    return value;
  }

  protected async execute(_params: string[], options: MonthlyOptions): Promise<void> {
    const month = partOfYearOption(options.month);
    const format = this.format(options, ['json', 'csv', 'html', 'xlsx', 'md']);
    const views = await this.session.views(options.store);
    const view = monthlyView(views.model, month, views.positionFor(options.asOf), views.index);
    this.noteWithoutScheme(view, month);
    if (format === 'csv') process.stdout.write(tableToCsv(view));
    else if (format === 'html') process.stdout.write(monthlyToHtml(view));
    else if (format === 'md') process.stdout.write(monthlyToMarkdown(view));
    else if (format === 'xlsx') process.stdout.write(await monthlyToXlsx(view));
    else printJson(view);
  }
}
