import { Command, Option } from 'nest-commander';
import { CliUsageError } from '../exit-codes';
import { LedgerCommand, type StoreOptions } from './store-option';

interface ServeFlags extends StoreOptions {
  port?: string;
  demo?: boolean;
  host?: string;
}

/** `ledger serve [--port <n>] [--demo]`: the HTTP API and the web pages (what `npm start` runs). */
@Command({ name: 'serve', description: 'the HTTP API and the web pages (--demo: load the 2017 fixture into an empty store, open reading to anyone)' })
export class ServeCommand extends LedgerCommand<ServeFlags> {
  @Option({ flags: '--port <n>', description: 'port to listen on (default PORT or 3000)' })
  parsePort(value: string): string {
    return value;
  }

  @Option({ flags: '--host <address>', description: 'address to listen on (default all interfaces)' })
  parseHost(value: string): string {
    return value;
  }

  @Option({ flags: '--demo', description: 'load the 2017 fixture into an empty store and let anyone read' })
  parseDemo(): boolean {
    return true;
  }

  protected async execute(_params: string[], options: ServeFlags): Promise<number> {
    const portText = options.port ?? process.env.PORT ?? '3000';
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new CliUsageError(`--port: ${portText} is not a port number`);
    // The API (Express, Swagger, the pages) is loaded only by the command that serves it.
    const { createApp } = await import('../../api/create-app.js');
    const app = await createApp({ store: options.store, demo: options.demo === true, bodyLimit: process.env.LEDGER_BODY_LIMIT ?? '10mb' }, ['log', 'error', 'warn']);
    const host = options.host ?? '0.0.0.0';
    await app.listen(Number(portText), host);
    // getUrl names a local address to open; the listening address is said beside it
    const listening = host === '0.0.0.0' ? ' (listening on all interfaces)' : '';
    process.stdout.write(`ledger serving on ${await app.getUrl()}${listening}${options.demo ? ' (demo: reading open to anyone)' : ''}\n`);
    await new Promise<void>((resolve) => app.getHttpServer().once('close', resolve));
    return 0;
  }
}
