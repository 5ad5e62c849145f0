import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { ledger, tempStore } from './run-ledger';

describe('ledger token create / list / revoke', () => {
  const { url, path } = tempStore();
  const run = (args: string[]) => ledger(args, { store: url });

  it('prints a new token once as the last line and stores only its hash', () => {
    const created = run(['token', 'create', '--role', 'auditor', '--name', '审计 王五']);
    expect(created.status).toBe(0);
    const token = created.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^lgr_[A-Za-z0-9_-]{43}$/);
    const stored = new Database(path, { readonly: true }).prepare('SELECT * FROM facts').all();
    const text = JSON.stringify(stored);
    expect(text).not.toContain(token);
    expect(text).toContain(createHash('sha256').update(token).digest('hex'));
    const listed = JSON.parse(run(['token', 'list']).stdout);
    expect(listed).toEqual([expect.objectContaining({ role: 'auditor', name: '审计 王五', revoked: false })]);
    expect(run(['token', 'revoke', listed[0].tokenId])).toMatchObject({ status: 0 });
    expect(JSON.parse(run(['token', 'list']).stdout)[0].revoked).toBe(true);
    expect(run(['token', 'revoke', listed[0].tokenId])).toMatchObject({ status: 2, stderr: `tokenId: credential ${listed[0].tokenId} is already revoked\n` });
  });

  it('refuses an unknown role or a missing name, naming the flag', () => {
    expect(run(['token', 'create', '--role', 'root', '--name', 'x'])).toMatchObject({ status: 2, stderr: '--role: must be one of staff, auditor, supervisor, admin\n' });
    expect(run(['token', 'create', '--role', 'staff'])).toMatchObject({ status: 2, stderr: '--name: is required (who holds the token)\n' });
  });

  it('a token is not part of the ledger: the ledger stays empty and exports nothing', () => {
    expect(run(['head']).stdout.trim()).toBe('0');
    expect(run(['export']).stdout).toBe('');
  });
});
