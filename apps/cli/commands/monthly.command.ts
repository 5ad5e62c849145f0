import { Command, Option } from 'nest-commander';
import { monthlyView } from '../../../projections';
import { tableToCsv } from '../../../libs/rendering';
import { LedgerSession } from '../ledger-session.service';
import { monthOption, printJson, ViewCommand, type ViewOptions } from './view-options';

interface MonthlyOptions extends ViewOptions {
  month?: string;
}

/** `ledger monthly --month YYYY-MM`: the month's completion view and the units with zero adoptions. */
@Command({ name: 'monthly', description: 'the monthly completion view and the units with zero adoptions that month' })
export class MonthlyCommand extends ViewCommand<MonthlyOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--month <YYYY-MM>', description: 'the month, e.g. 2017-03' })
  parseMonth(value: string): string {
    return value;
  }

  protected async execute(_params: string[], options: MonthlyOptions): Promise<void> {
    const month = monthOption(options.month);
    const format = this.format(options, ['json', 'csv']);
    const views = await this.session.views(options.store);
    const view = monthlyView(views.model, month, views.positionFor(options.asOf), views.index);
    if (format === 'csv') process.stdout.write(tableToCsv(view));
    else printJson(view);
  }
}
