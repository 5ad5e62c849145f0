import { Command, Option } from 'nest-commander';
import { officialName, schemeIdForYear, type ScoringModel } from '../../../projections';
import { systemClock, yearClosesAt } from '../../../libs/ledger';
import { pendingSettlement, settleYear } from '../../runtime/settlement';
import { EXIT } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { LedgerCommand, type StoreOptions } from './store-option';
import { yearOption } from './view-options';

interface SettleOptions extends StoreOptions {
  year?: string;
  actor?: string;
  check?: boolean;
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

  @Option({ flags: '--actor <name>', description: 'whom the facts are recorded for, beside the operating-system user (cli:<os user> for <name>)' })
  parseActor(value: string): string {
    return value;
  }

  @Option({ flags: '--check', description: 'append nothing: list what a settlement would append now; exit 1 when anything' })
  parseCheck(): boolean {
    return true;
  }

  protected async execute(_params: string[], options: SettleOptions): Promise<number> {
    const year = yearOption(options.year);
    if (!options.check) this.session.writes();
    const { ledger } = await this.session.open(options.store);
    if (options.check) {
      const views = await this.session.views(options.store);
      const { position, pending } = await pendingSettlement(ledger, views, year);
      this.noteWithoutScheme(views.model, year, position);
      const closes = yearClosesAt(year);
      if (systemClock.now() < closes) process.stderr.write(`note: ${year} has not closed: the ledger records its settlement from ${closes.toISOString()} on; what is listed is what the rules give as of now\n`);
      const named = (unitId: string) => {
        const unit = views.model.units.get(unitId);
        return unit ? `${officialName(views.model, unit, position)} (${unitId})` : unitId;
      };
      for (const d of pending) process.stdout.write(`${named(d.unitId)} ${d.period}: ${d.points >= 0 ? '+' : ''}${d.points} pending (quota ${d.quota}, adopted ${d.adopted}${d.directReportingPoint ? ', direct reporting point' : ''})\n`);
      process.stdout.write(pending.length === 0 ? `settled ${year}: the live settlement facts are what the rules give (as of position ${position})\n` : `${pending.length} settlement facts pending for ${year} (as of position ${position})\n`);
      return pending.length === 0 ? EXIT.ok : EXIT.differs;
    }
    const views = await this.session.views(options.store);
    const outcome = await settleYear(ledger, views, year, this.session.actor(options.actor));
    this.noteWithoutScheme(views.model, year, outcome.head);
    const points = outcome.points;
    process.stdout.write(`settled ${year}: appended ${outcome.appended} settlement facts (${points >= 0 ? '+' : ''}${points} points in all), head ${outcome.head}\n`);
    return EXIT.ok;
  }

  /** A year no scheme covers has nothing to settle: stdout says 0, stderr why. */
  private noteWithoutScheme(model: ScoringModel, year: number, position: number): void {
    if (schemeIdForYear(model, year, position) === null) process.stderr.write(`note: no scheme is recorded for ${year} as of position ${position}: there is nothing to settle\n`);
  }
}
