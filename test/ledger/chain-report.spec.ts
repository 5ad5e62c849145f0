import { LEDGER_STREAM, ledgerPositionOf } from '../../libs/ledger';

describe('the ledger position of a broken chain', () => {
  const broken = { ok: false as const, checked: 9, reason: 'content changed' };

  it('is the store position where the store numbers the ledger (SQLite)', () => {
    expect(ledgerPositionOf({ ...broken, position: 10n })).toBe(10n);
  });

  it('is the ledger stream revision + 1 where the store position is an offset in $all (EventStoreDB)', () => {
    expect(ledgerPositionOf({ ...broken, position: 88_231n, at: { streamId: LEDGER_STREAM, revision: 9n } })).toBe(10n);
  });

  it('stays the store position when the break is in another stream', () => {
    expect(ledgerPositionOf({ ...broken, position: 88_231n, at: { streamId: 'credentials', revision: 2n } })).toBe(88_231n);
  });
});
