import { Module } from '@nestjs/common';
import { ExportCommand } from './commands/export.command';
import { HeadCommand } from './commands/head.command';
import { ImportCommand } from './commands/import.command';
import { VerifyCommand } from './commands/verify.command';
import { LedgerSession } from './ledger-session.service';

@Module({
  providers: [LedgerSession, ImportCommand, ExportCommand, HeadCommand, VerifyCommand],
})
export class CliModule {}
