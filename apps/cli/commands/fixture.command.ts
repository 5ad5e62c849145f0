import { once } from 'node:events';
import { Command } from 'nest-commander';
import { canonicalJson } from '../../../libs/canonical';
import { yuxi2017Ledger } from '../../fixtures/yuxi-2017-ledger';
import { CliUsageError } from '../exit-codes';
import { LedgerCommand } from './store-option';

/** The acceptance ledgers the project can write, by name. */
const FIXTURES: Record<string, () => ReturnType<typeof yuxi2017Ledger>> = { '2017': yuxi2017Ledger };

/**
 * `ledger fixture 2017`: the 2017 acceptance ledger (docs/fixture-2017.md) as NDJSON that
 * `ledger import` accepts, in the form `ledger export` writes. It is built in memory: the --store
 * flag is not used. The same bytes on every run and machine.
 */
@Command({ name: 'fixture', arguments: '<name>', description: 'write an acceptance ledger as NDJSON (2017: Yuxi 2017 reproduced)' })
export class FixtureCommand extends LedgerCommand {
  protected async execute([name]: string[]): Promise<void> {
    const build = FIXTURES[name];
    if (!build) throw new CliUsageError(`name: no fixture ${name}; fixtures: ${Object.keys(FIXTURES).join(', ')}`);
    for (const fact of await build()) {
      if (!process.stdout.write(`${canonicalJson(fact)}\n`)) await once(process.stdout, 'drain');
    }
  }
}
