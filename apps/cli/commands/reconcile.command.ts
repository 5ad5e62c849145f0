import { readFileSync } from 'node:fs';
import { Command, Option } from 'nest-commander';
import type { PublishedRow } from '../../../projections';
import { parsePublishedTable, reconciliation, reconciliationText } from '../../runtime/published-table';
import { CliUsageError, EXIT } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { ViewCommand, yearOption, type ViewOptions } from './view-options';

interface ReconcileOptions extends ViewOptions {
  year?: string;
}

/**
 * `ledger reconcile --year Y [--as-of ...] <published.csv>`: every cell where a published table
 * and the ledger disagree, with both values; exit 1 when any differ. The ledger is never adjusted.
 */
@Command({ name: 'reconcile', arguments: '<published.csv>', description: 'compare a published table with the ledger, cell by cell' })
export class ReconcileCommand extends ViewCommand<ReconcileOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--year <year>', description: 'the year of the table' })
  parseYear(value: string): string {
    return value;
  }

  protected async execute([file]: string[], options: ReconcileOptions): Promise<number> {
    const year = yearOption(options.year);
    const format = this.format(options, ['text', 'json']);
    const published = readPublished(file);
    const views = await this.session.views(options.store);
    const result = reconciliation(views.model, views.index, year, views.positionFor(options.asOf), published);
    process.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : reconciliationText(result));
    return result.matches ? EXIT.ok : EXIT.differs;
  }
}

function readPublished(file: string): PublishedRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliUsageError(`file: ${file}: cannot be read`);
  }
  return parsePublishedTable(text, `file: ${file}`);
}
