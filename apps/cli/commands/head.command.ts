import { Command } from 'nest-commander';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { LedgerCommand, type StoreOptions } from './store-option';

/** `ledger head`: the current ledger position (0 for an empty ledger). */
@Command({ name: 'head', description: 'print the current ledger position' })
export class HeadCommand extends LedgerCommand {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  protected async execute(_params: string[], options: StoreOptions): Promise<void> {
    const { ledger } = await this.session.open(options.store);
    process.stdout.write(`${await ledger.head()}\n`);
  }
}
