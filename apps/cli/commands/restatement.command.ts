import { Option, SubCommand } from 'nest-commander';
import { annualTable, restatement, type TableView } from '../../../projections';
import { CliUsageError } from '../exit-codes';
import { LedgerSession } from '../ledger-session.service';
import { LedgerCommand, type StoreOptions } from './store-option';
import { printJson } from './view-options';

interface RestatementOptions extends StoreOptions {
  format?: string;
}

/**
 * `ledger circular restatement <id>`: an issued annual circular's table "as published" beside
 * "as the ledger says now", per unit and cell, with the facts that made each difference.
 */
@SubCommand({ name: 'restatement', arguments: '<id>', description: 'as published beside as the ledger says now, with the facts that made each difference' })
export class CircularRestatementCommand extends LedgerCommand<RestatementOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--format <format>', description: 'json or text' })
  parseFormat(value: string): string {
    return value;
  }

  protected async execute([id]: string[], options: RestatementOptions): Promise<void> {
    const format = options.format ?? 'json';
    if (format !== 'json' && format !== 'text') throw new CliUsageError('--format: must be one of json, text');
    const desk = await this.session.circulars(options.store);
    const views = await this.session.views(options.store);
    const circular = desk.find(id);
    if (circular.data.kind !== 'annual') throw new CliUsageError(`restatement: circular ${id} is ${circular.data.kind}; restatements compare annual tables`);
    const published = desk.contentOf(circular).table as TableView;
    const now = annualTable(views.model, published.year, views.model.position, views.index);
    const restated = restatement(views.model, published, now);
    if (format === 'json') return printJson({ circularId: circular.data.circularId, published: published.asOf, now: now.asOf, units: restated });
    const lines = [`${circular.data.circularId}: as published (position ${published.asOf.position}) beside now (position ${now.asOf.position}); ${restated.length} units differ`];
    for (const unit of restated) {
      lines.push(`${unit.unit}: ${unit.cells.map((c) => `${c.cell} ${c.published ?? '—'} → ${c.now ?? '—'}`).join(', ')}`);
      for (const fact of unit.facts) lines.push(`  ${fact.position} ${fact.type} ${fact.validDate ?? ''} by ${fact.recordedBy} at ${fact.recordedAt}${fact.corrects ? ` (corrects ${fact.corrects})` : ''} ${fact.id}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
