import { Module } from '@nestjs/common';
import {
  CircularCommand,
  CircularIssueCommand,
  CircularListCommand,
  CircularShowCommand,
  CircularVerifyCommand,
} from './commands/circular.command';
import { ExplainCommand } from './commands/explain.command';
import { ReconcileCommand } from './commands/reconcile.command';
import { CircularRestatementCommand } from './commands/restatement.command';
import { ExportCommand } from './commands/export.command';
import { FixtureCommand } from './commands/fixture.command';
import { ServeCommand } from './commands/serve.command';
import { TokenCommand, TokenCreateCommand, TokenListCommand, TokenRevokeCommand } from './commands/token.command';
import { HistoryCommand } from './commands/history.command';
import { MonthlyCommand } from './commands/monthly.command';
import { SettleCommand } from './commands/settle.command';
import { TableCommand } from './commands/table.command';
import { AwardsCommand } from './commands/awards.command';
import { HeadCommand } from './commands/head.command';
import { ImportCommand } from './commands/import.command';
import { VerifyCommand } from './commands/verify.command';
import { LedgerSession } from '../runtime/ledger-session.service';

@Module({
  providers: [LedgerSession, ImportCommand, ExportCommand, HeadCommand, VerifyCommand, TableCommand, AwardsCommand, MonthlyCommand, ExplainCommand, HistoryCommand, SettleCommand,
    CircularCommand, CircularIssueCommand, CircularListCommand, CircularShowCommand, CircularVerifyCommand, CircularRestatementCommand, ReconcileCommand, FixtureCommand,
    ServeCommand, TokenCommand, TokenCreateCommand, TokenListCommand, TokenRevokeCommand],
})
export class CliModule {}
