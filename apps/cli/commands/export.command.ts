import { once } from 'node:events';
import { Command, Option } from 'nest-commander';
import { canonicalJson } from '../../../libs/canonical';
import { ledgerFactAt } from '../../../libs/ledger';
import { CliUsageError } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { LedgerCommand, type StoreOptions } from './store-option';

interface ExportOptions extends StoreOptions {
  until?: string;
}

/**
 * `ledger export [--until <position>]`: the ledger as NDJSON that `import` accepts, one fact a
 * line in RFC 8785 canonical form with the ledger's metadata (recordedAt, recordedBy, position),
 * so export -> import into an empty store -> export gives identical bytes.
 */
@Command({ name: 'export', description: 'write the ledger as NDJSON' })
export class ExportCommand extends LedgerCommand<ExportOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--until <position>', description: 'last ledger position to export (inclusive)' })
  parseUntil(value: string): string {
    return value; // checked in execute, where a bad value can exit with the usage code
  }

  protected async execute(_params: string[], options: ExportOptions): Promise<void> {
    if (options.until !== undefined && !/^\d+$/.test(options.until)) {
      throw new CliUsageError(`--until: ${options.until} is not a ledger position (a whole number)`);
    }
    const { ledger, store } = await this.session.open(options.store);
    const until = options.until === undefined ? undefined : Number(options.until);
    // As --as-of: a position the ledger has not reached is a mistake, not the whole ledger.
    if (until !== undefined && until > 0 && (await ledgerFactAt(store, until)) === undefined) {
      throw new CliUsageError(`--until: position ${until} is beyond the ledger head ${await ledger.head()}`);
    }
    for await (const fact of ledger.read({ until })) {
      if (!process.stdout.write(`${canonicalJson(fact)}\n`)) await once(process.stdout, 'drain');
    }
  }
}
