import { Command, Option } from 'nest-commander';
import { annualTable } from '../../../projections';
import { tableToCsv, tableToHtml, tableToMarkdown, tableToXlsx } from '../../../libs/rendering';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { printJson, ViewCommand, yearOption, type ViewOptions } from './view-options';

interface TableOptions extends ViewOptions {
  year?: string;
}

/** `ledger table --year Y [--as-of ...] [--format json|csv|html|xlsx|md]`: the January-December statistics table. */
@Command({ name: 'table', description: 'the January-December statistics table (1-12月政务信息采用情况统计表)' })
export class TableCommand extends ViewCommand<TableOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--year <year>', description: 'the year, e.g. 2017' })
  parseYear(value: string): string {
    return value;
  }

  protected async execute(_params: string[], options: TableOptions): Promise<void> {
    const year = yearOption(options.year);
    const format = this.format(options, ['json', 'csv', 'html', 'xlsx', 'md']);
    const views = await this.session.views(options.store);
    const table = annualTable(views.model, year, views.positionFor(options.asOf), views.index);
    this.noteWithoutScheme(table, String(year));
    if (format === 'csv') process.stdout.write(tableToCsv(table));
    else if (format === 'html') process.stdout.write(tableToHtml(table));
    else if (format === 'md') process.stdout.write(tableToMarkdown(table));
    else if (format === 'xlsx') process.stdout.write(await tableToXlsx(table));
    else printJson(table);
  }
}
