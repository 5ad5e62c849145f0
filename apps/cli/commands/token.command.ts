import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CredentialStore, ROLES } from '../../../libs/credentials';
import { systemClock } from '../../../libs/ledger';
import { CliUsageError, EXIT } from '../exit-codes';
import { LedgerSession } from '../../runtime/ledger-session.service';
import { LedgerCommand, type StoreOptions } from './store-option';
import { printJson } from './view-options';

interface CreateOptions extends StoreOptions {
  role?: string;
  name?: string;
}

/**
 * `ledger token create --role <role> --name <who>`: a new bearer token, printed once as the last
 * line; only its hash is stored. The CLI runs with the store's own file access: an administrator's.
 */
@SubCommand({ name: 'create', description: 'create a bearer token; prints it once, as the last line' })
export class TokenCreateCommand extends LedgerCommand<CreateOptions> {
  constructor(private readonly session: LedgerSession) {
    super();
  }
  @Option({ flags: '--role <role>', description: ROLES.join(', ') }) parseRole(v: string): string { return v; }
  @Option({ flags: '--name <who>', description: 'who holds the token' }) parseName(v: string): string { return v; }

  protected async execute(_params: string[], options: CreateOptions): Promise<void> {
    if (!options.role || !(ROLES as readonly string[]).includes(options.role)) throw new CliUsageError(`--role: must be one of ${ROLES.join(', ')}`);
    if (!options.name || options.name.trim() === '') throw new CliUsageError('--name: is required (who holds the token)');
    const { store } = await this.session.writes().open(options.store);
    const { token, credential } = await new CredentialStore(store, systemClock).create(options.role, options.name, this.session.actor(undefined));
    process.stdout.write(`created ${credential.role} token ${credential.tokenId} for ${credential.name}; it is shown only now:\n${token}\n`);
  }
}

@SubCommand({ name: 'list', description: 'the credentials (never their tokens)' })
export class TokenListCommand extends LedgerCommand {
  constructor(private readonly session: LedgerSession) {
    super();
  }
  protected async execute(_params: string[], options: StoreOptions): Promise<void> {
    const { store } = await this.session.open(options.store);
    printJson(await new CredentialStore(store, systemClock).list());
  }
}

@SubCommand({ name: 'revoke', arguments: '<tokenId>', description: 'revoke a credential' })
export class TokenRevokeCommand extends LedgerCommand {
  constructor(private readonly session: LedgerSession) {
    super();
  }
  protected async execute([tokenId]: string[], options: StoreOptions): Promise<void> {
    const { store } = await this.session.writes().open(options.store);
    const credential = await new CredentialStore(store, systemClock).revoke(tokenId, this.session.actor(undefined));
    process.stdout.write(`revoked ${credential.tokenId} (${credential.role}, ${credential.name})\n`);
  }
}

@Command({ name: 'token', description: 'bearer-token credentials: create, list, revoke', subCommands: [TokenCreateCommand, TokenListCommand, TokenRevokeCommand] })
export class TokenCommand extends CommandRunner {
  async run(): Promise<void> {
    process.stderr.write('token: use create, list or revoke\n');
    process.exitCode = EXIT.usage;
  }
}
