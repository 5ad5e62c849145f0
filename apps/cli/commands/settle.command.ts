import { Command, Option } from 'nest-commander';
import { settleYear } from '../../runtime/settlement';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { LedgerCommand, type StoreOptions } from './store-option';
import { yearOption } from './view-options';

interface SettleOptions extends StoreOptions {
  year?: string;
  actor?: string;
}

/**
 * `ledger settle --year Y`: the year-end settlement of provincial quotas, an explicit, auditable
 * step: appends one QuotaSettled fact per unit with a quota (only differences on a rerun).
 */
@Command({ name: 'settle', description: 'the year-end settlement of provincial quotas (running it twice appends nothing new)' })
export class SettleCommand extends LedgerCommand<SettleOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--year <year>', description: 'the year to settle' })
  parseYear(value: string): string {
    return value;
  }

  @Option({ flags: '--actor <name>', description: 'who is recorded as appending (default cli:<os user>)' })
  parseActor(value: string): string {
    return value;
  }

  protected async execute(_params: string[], options: SettleOptions): Promise<void> {
    const year = yearOption(options.year);
    const { ledger } = await this.session.open(options.store);
    const outcome = await settleYear(ledger, await this.session.views(options.store), year, this.session.actor(options.actor));
    const points = outcome.points;
    process.stdout.write(`settled ${year}: appended ${outcome.appended} settlement facts (${points >= 0 ? '+' : ''}${points} points in all), head ${outcome.head}\n`);
  }
}
