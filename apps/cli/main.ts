#!/usr/bin/env node
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';
import { EXIT } from './exit-codes';
import { storeFlagFirst } from './store-flag';

// A reader that stops early (`ledger export | head`) closes the pipe: that ends the command, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

/** `ledger`: one binary for every operation of SPEC.md section 11. */
async function main(): Promise<void> {
  process.argv = storeFlagFirst(process.argv);
  await CommandFactory.run(CliModule, {
    logger: false,
    cliName: 'ledger',
    enablePositionalOptions: true,
    // commander's own usage errors (unknown command or option, a missing argument), of the root
    // command and of every subcommand alike: one line on stderr and the usage exit code.
    outputConfiguration: {
      outputError: (message) => {
        process.stderr.write(`${message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`);
        process.exit(EXIT.usage);
      },
    },
    errorHandler: (error) => process.exit((error as { exitCode?: number }).exitCode === 0 ? EXIT.ok : EXIT.usage), // --help, --version
  });
}

void main();
