import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { SingleBar, Presets } from 'cli-progress';
import { Command, Option } from 'nest-commander';
import type { Candidate } from '../../../libs/ledger';
import { parseFactLine } from '../../../libs/validation';
import { CliUsageError } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { LedgerCommand, type StoreOptions } from './store-option';

interface ImportOptions extends StoreOptions {
  actor?: string;
}

/**
 * `ledger import <file.ndjson or ->`: all or nothing. Every line is parsed and checked before
 * anything is appended; the facts then go to the store in one atomic append. A fact whose id is
 * stored with the same content is skipped, with other content rejected.
 */
@Command({ name: 'import', arguments: '<file>', description: 'append the facts of an NDJSON file (or - for stdin), all or nothing' })
export class ImportCommand extends LedgerCommand<ImportOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }

  @Option({ flags: '--actor <name>', description: 'whom the facts are recorded for, beside the operating-system user (cli:<os user> for <name>)' })
  parseActor(value: string): string {
    return value;
  }

  protected async execute([file]: string[], options: ImportOptions): Promise<void> {
    const { ledger } = await this.session.writes().open(options.store);
    const candidates = await readCandidates(file);
    const progress = process.stderr.isTTY ? new SingleBar({ format: 'appending {total} facts…' }, Presets.shades_classic) : null;
    progress?.start(candidates.length, 0);
    const outcome = await ledger.append(candidates, { actor: this.session.actor(options.actor), keepRecordedMetadata: true }).finally(() => progress?.stop());
    process.stdout.write(`appended ${outcome.appended}, skipped ${outcome.skipped} (head ${outcome.head})\n`);
  }
}

async function readCandidates(file: string): Promise<Candidate[]> {
  if (file !== '-' && !existsSync(file)) throw new CliUsageError(`file: ${file}: no such file`);
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  // Progress by bytes read, only on a terminal (piped output stays one clean line).
  const bar = process.stderr.isTTY && file !== '-' ? new SingleBar({ format: 'checking {bar} {percentage}% | line {line}' }, Presets.shades_classic) : null;
  bar?.start(statSync(file).size, 0, { line: 0 });
  const candidates: Candidate[] = [];
  let line = 0;
  let bytes = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line += 1;
      bytes += Buffer.byteLength(text) + 1;
      if (line % 1000 === 0) bar?.update(bytes, { line });
      if (text.trim() === '') continue; // a trailing newline or blank separator is not a fact
      candidates.push({ fact: parseFactLine(text, line, { origin: 'import' }), line });
    }
    bar?.update(bar.getTotal(), { line });
  } finally {
    bar?.stop();
  }
  return candidates;
}
