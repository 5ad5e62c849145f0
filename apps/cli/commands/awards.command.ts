import { Command, Option } from 'nest-commander';
import { awardsView } from '../../../projections';
import { awardsToCsv } from '../../../libs/rendering';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { printJson, ViewCommand, yearOption, type ViewOptions } from './view-options';

interface AwardsOptions extends ViewOptions {
  year?: string;
}

/** `ledger awards --year Y [--as-of ...] [--format json|csv]`: the awards by band (特等奖, 一二三等奖, 鼓励奖). */
@Command({ name: 'awards', description: "the awards by band (特等奖, 一二三等奖, 鼓励奖): by rank, to units that completed their task, as many as the scheme's bands give" })
export class AwardsCommand extends ViewCommand<AwardsOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--year <year>', description: 'the year, e.g. 2017' })
  parseYear(value: string): string {
    return value;
  }

  protected async execute(_params: string[], options: AwardsOptions): Promise<void> {
    const year = yearOption(options.year);
    const format = this.format(options, ['json', 'csv']);
    const views = await this.session.views(options.store);
    const awards = awardsView(views.model, year, views.positionFor(options.asOf), views.index);
    this.noteWithoutScheme(awards, String(year));
    if (awards.scheme !== null && awards.groups.length === 0) process.stderr.write(`note: scheme ${awards.scheme.id} v${awards.scheme.version} gives no award bands (awards: [{ group, bands }]): no unit is awarded\n`);
    if (format === 'csv') process.stdout.write(awardsToCsv(awards));
    else printJson(awards);
  }
}
