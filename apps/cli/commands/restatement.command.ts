import { Option, SubCommand } from 'nest-commander';
import { restateCircular, restatementToText } from '../../runtime/restatement';
import { CliUsageError } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
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
    const restated = restateCircular(await this.session.circulars(options.store), await this.session.views(options.store), id);
    if (format === 'json') printJson(restated);
    else process.stdout.write(restatementToText(restated));
  }
}
