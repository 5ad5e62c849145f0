import { Command } from 'nest-commander';
import { LEDGER_STREAM, ledgerPositionOf } from '../../../libs/ledger';
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
      // The ledger's own chain; the credentials kept beside it are chains of their own.
      const ledger = report.streams[LEDGER_STREAM];
      const others = Object.entries(report.streams).filter(([streamId]) => streamId !== LEDGER_STREAM);
      const beside = others.length === 0 ? '' : ` (and ${others.map(([streamId, s]) => `${s.facts} in ${streamId}`).join(', ')})`;
      process.stdout.write(`ok: ${ledger?.facts ?? 0} ledger facts, chain head ${ledger?.headHash ?? '(empty)'}${beside}\n`);
      return EXIT.ok;
    }
    const ledgerPosition = ledgerPositionOf(report);
    const storePosition = ledgerPosition === report.position ? '' : ` ($all position ${report.position})`;
    process.stderr.write(`position ${ledgerPosition}${storePosition}: ${report.reason}\n`);
    return EXIT.differs;
  }
}
