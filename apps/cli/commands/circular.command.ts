import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { parseDocumentNumber } from '../../../projections';
import { listedCircular, type Withdrawal } from '../../circulars/circular-desk';
import { canonicalJson } from '../../../libs/canonical';
import { circularToCsv, circularToHtml, circularToMarkdown, circularToXlsx } from '../../../libs/rendering';
import { CIRCULAR_KINDS, type CircularKind } from '../../../events';
import { CliUsageError, EXIT } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { CircularRestatementCommand } from './restatement.command';
import { LedgerCommand, type StoreOptions } from './store-option';
import { printJson } from './view-options';

interface IssueOptions extends StoreOptions {
  kind?: string;
  period?: string;
  number?: string;
  date?: string;
  actor?: string;
  paragraph?: string[];
  attachment?: string[];
  disclosure?: string;
}

/** json is the canonical content the digest covers; the others are renderings made from it. */
const CIRCULAR_FORMATS = ['json', 'html', 'xlsx', 'csv', 'md'] as const;

/** `ledger circular issue --kind --period --number --date`: computes, records, prints id and digest. */
@SubCommand({ name: 'issue', description: 'compute and record a circular; prints its id and digest' })
export class CircularIssueCommand extends LedgerCommand<IssueOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }
  @Option({ flags: '--kind <kind>', description: 'annual, failing, monthly or assessment' }) parseKind(v: string): string { return v; }
  @Option({ flags: '--period <period>', description: 'YYYY, or YYYY-MM for a monthly circular' }) parsePeriod(v: string): string { return v; }
  @Option({ flags: '--number <文号>', description: 'document number, e.g. 玉政办发〔2018〕50号' }) parseNumber(v: string): string { return v; }
  @Option({ flags: '--date <YYYY-MM-DD>', description: 'issue date' }) parseDate(v: string): string { return v; }
  @Option({ flags: '--actor <name>', description: 'whom the circular is issued for, recorded beside the operating-system user (cli:<os user> for <name>)' }) parseActor(v: string): string { return v; }
  @Option({ flags: '--paragraph <text>', description: "a paragraph of the office's own after what the ledger derives (repeat for more), e.g. the rectification and its deadline" })
  parseParagraph(v: string, earlier: string[] = []): string[] {
    return [...earlier, v];
  }
  @Option({ flags: '--attachment <title>', description: 'the title of a document the office attaches, printed 附件：1．… (repeat for more, in order)' })
  parseAttachment(v: string, earlier: string[] = []): string[] {
    return [...earlier, v];
  }
  @Option({ flags: '--disclosure <note>', description: 'the disclosure note printed under the date, e.g. 此件公开发布' }) parseDisclosure(v: string): string { return v; }

  protected async execute(_params: string[], options: IssueOptions): Promise<void> {
    if (!options.kind || !CIRCULAR_KINDS.includes(options.kind as CircularKind)) throw new CliUsageError(`--kind: must be one of ${CIRCULAR_KINDS.join(', ')}`);
    if (!options.period) throw new CliUsageError('--period: is required (YYYY, or YYYY-MM for a monthly circular)');
    if (!options.number) throw new CliUsageError('--number: is required (e.g. 玉政办发〔2018〕50号)');
    if (!options.date) throw new CliUsageError('--date: is required (YYYY-MM-DD)'); // its value is checked as the recorded fact's
    const request = { kind: options.kind as CircularKind, period: options.period, document: parseDocumentNumber(options.number), issueDate: options.date, paragraphs: options.paragraph, attachments: options.attachment, disclosure: options.disclosure };
    const desk = await this.session.writes().circulars(options.store);
    const { circular } = await desk.issue(request, this.session.actor(options.actor));
    process.stdout.write(`${circular.data.circularId} ${circular.data.digest}\n`);
  }
}

interface ListOptions extends StoreOptions {
  kind?: string;
  period?: string;
}

@SubCommand({ name: 'list', description: 'the circulars issued (of one --kind or --period)' })
export class CircularListCommand extends LedgerCommand<ListOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }
  @Option({ flags: '--kind <kind>', description: CIRCULAR_KINDS.join(', ') }) parseKind(v: string): string { return v; }
  @Option({ flags: '--period <period>', description: 'as the circular names it: 2017, 2017-03, 2017-Q1' }) parsePeriod(v: string): string { return v; }

  protected async execute(_params: string[], options: ListOptions): Promise<void> {
    if (options.kind !== undefined && !CIRCULAR_KINDS.includes(options.kind as CircularKind)) throw new CliUsageError(`--kind: must be one of ${CIRCULAR_KINDS.join(', ')}`);
    const desk = await this.session.circulars(options.store);
    printJson(desk.list({ kind: options.kind, period: options.period }).map(listedCircular));
  }
}

interface ShowOptions extends StoreOptions {
  format?: string;
}

@SubCommand({ name: 'show', arguments: '<id>', description: 'render a circular as derived at its position' })
export class CircularShowCommand extends LedgerCommand<ShowOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }
  @Option({ flags: '--format <format>', description: `one of ${CIRCULAR_FORMATS.join(', ')}` }) parseFormat(v: string): string { return v; }

  protected async execute([id]: string[], options: ShowOptions): Promise<void> {
    const format = options.format ?? 'json';
    if (!CIRCULAR_FORMATS.includes(format as (typeof CIRCULAR_FORMATS)[number])) throw new CliUsageError(`--format: must be one of ${CIRCULAR_FORMATS.join(', ')}`);
    const desk = await this.session.circulars(options.store);
    const circular = desk.find(id);
    const content = desk.contentOf(circular);
    if (circular.withdrawn) process.stderr.write(`note: circular ${circular.data.circularId} was ${withdrawal(circular.withdrawn)}\n`);
    if (format === 'html') process.stdout.write(circularToHtml(content));
    else if (format === 'md') process.stdout.write(circularToMarkdown(content));
    else if (format === 'csv') process.stdout.write(circularToCsv(content));
    else if (format === 'xlsx') process.stdout.write(await circularToXlsx(content));
    else process.stdout.write(`${canonicalJson(content)}\n`);
  }
}

/** withdrawn at position 11350 (2018-03-01T02:00:00.000Z, staff:张三): 重复发文 */
function withdrawal(w: Withdrawal): string {
  return `withdrawn at position ${w.position} (${w.recordedAt}, ${w.recordedBy}): ${w.reason}`;
}

interface VerifyOptions extends StoreOptions {
  all?: boolean;
}

@SubCommand({ name: 'verify', arguments: '[id]', description: 're-derive a circular (or --all) and compare; exit 1 with the differences' })
export class CircularVerifyCommand extends LedgerCommand<VerifyOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }
  @Option({ flags: '--all', description: 'verify every circular issued' }) parseAll(): boolean { return true; }

  protected async execute([id]: string[], options: VerifyOptions): Promise<number> {
    if (!id === !options.all) throw new CliUsageError('verify: give a circular id or --all');
    const desk = await this.session.circulars(options.store);
    const results = options.all ? await desk.verifyAll() : [await desk.verify(id)];
    for (const result of results) {
      const withdrawn = result.withdrawn ? ` (${withdrawal(result.withdrawn)})` : '';
      if (result.ok) {
        process.stdout.write(`ok ${result.circularId} ${result.digest}${withdrawn}\n`);
        continue;
      }
      process.stdout.write(`DIFFERS ${result.circularId}${withdrawn}\n`);
      for (const reason of result.reasons) process.stdout.write(`  ${reason}\n`);
      for (const d of result.differences) process.stdout.write(`  ${d.path}: published ${JSON.stringify(d.published)}, now ${JSON.stringify(d.now)}\n`);
    }
    return results.every((r) => r.ok) ? EXIT.ok : EXIT.differs;
  }
}

@Command({ name: 'circular', description: 'issue, list, show, verify circulars (通报)', subCommands: [CircularIssueCommand, CircularListCommand, CircularShowCommand, CircularVerifyCommand, CircularRestatementCommand] })
export class CircularCommand extends CommandRunner {
  async run(): Promise<void> {
    process.stderr.write('circular: use issue, list, show, verify or restatement\n');
    process.exitCode = EXIT.usage;
  }
}
