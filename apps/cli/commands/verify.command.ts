import { Command } from 'nest-commander';
import { ledgerPositionOf } from '../../../libs/ledger';
import { EXIT } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { LedgerCommand, type StoreOptions } from './store-option';

/** `ledger verify`: checks the tamper-evident chain end to end; exit 1 naming the first bad position. */
@Command({ name: 'verify', description: 'check the tamper-evident chain end to end' })
export class VerifyCommand extends LedgerCommand {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  protected async execute(_params: string[], options: StoreOptions): Promise<number> {
    const { store } = await this.session.open(options.store);
    const report = await store.verifyChain();
    if (report.ok) {
      process.stdout.write(`ok: ${report.checked} facts, chain head ${report.headHash ?? '(empty)'}\n`);
      return EXIT.ok;
    }
    const ledgerPosition = ledgerPositionOf(report);
    const storePosition = ledgerPosition === report.position ? '' : ` ($all position ${report.position})`;
    process.stderr.write(`position ${ledgerPosition}${storePosition}: ${report.reason}\n`);
    return EXIT.differs;
  }
}
