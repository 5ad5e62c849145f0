#!/usr/bin/env node
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';
import { EXIT } from './exit-codes';

// A reader that stops early (`ledger export | head`) closes the pipe: that ends the command, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

/** `ledger`: one binary for every operation of SPEC.md section 11. */
async function main(): Promise<void> {
  await CommandFactory.run(CliModule, {
    logger: false,
    cliName: 'ledger',
    enablePositionalOptions: true,
    errorHandler: (error) => {
      // commander's own usage errors (unknown command or option, missing argument)
      if ((error as { exitCode?: number }).exitCode === 0) process.exit(EXIT.ok);
      process.stderr.write(`${error.message.replace(/^error: /, '')}\n`);
      process.exit(EXIT.usage);
    },
  });
}

void main();
