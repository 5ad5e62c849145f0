import * as fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import type { LedgerFact, RecordedFact } from '../../events';
import { FactTable, PositionsByKey, type FactTableSnapshot, type RelatedSnapshot } from '../../projections';
import { factOf } from '../support/builders';

/** What a checkpoint does to a snapshot: node:v8 serialize and back. */
const roundTrip = <T>(value: T): T => deserialize(serialize(value)) as T;

function recorded(n: number, position: number, title: string, id = `fact-${n}`): RecordedFact<LedgerFact> {
  const fact = factOf('InformationSubmitted', { itemId: `item-${n}`, unitId: 'xinping', title, validDate: '2017-03-01' }, id);
  return { ...fact, metadata: { schemaVersion: 1, recordedAt: new Date(Date.UTC(2017, 0, 5) + n * 1000).toISOString(), recordedBy: '信息科·李敏', position } } as RecordedFact<LedgerFact>;
}

// Titles that take one to four UTF-8 bytes a character, and JSON's own escapes.
const TITLES = ['plain ascii', '抚仙湖流域生态保护工作取得阶段性成效', 'emoji 📈 and 𠮷', 'line\u2028separator "quoted" \\ back\nslash'];

describe('the fact table keeps every fact encoded and gives it back exactly', () => {
  it('by position and by id, across chunk boundaries, after a checkpoint round trip, and appending after it', () => {
    const facts = Array.from({ length: 3000 }, (_, n) => recorded(n, n + 1, TITLES[n % TITLES.length]));
    const table = new FactTable(4096); // small chunks: many boundaries
    for (const fact of facts.slice(0, 2000)) table.add(fact);
    const restored = FactTable.restore(roundTrip<FactTableSnapshot>(table.snapshot()), 4096);
    for (const fact of facts.slice(2000)) {
      table.add(fact);
      restored.add(fact);
    }
    for (const t of [table, restored]) {
      expect(t.size).toBe(3000);
      expect([...t.values()].map((e) => e.fact)).toEqual(facts);
      for (const fact of facts) {
        expect(JSON.stringify(t.get(fact.id)?.fact)).toBe(JSON.stringify(fact)); // byte for byte: the same keys in the same order
        expect(t.at(fact.metadata.position)).toEqual({ position: fact.metadata.position, recordedAt: fact.metadata.recordedAt, recordedBy: '信息科·李敏', fact });
      }
      expect(t.get('no-such-fact')).toBeUndefined();
      expect(t.at(3001)).toBeUndefined();
      expect(t.at(0)).toBeUndefined();
    }
  });

  it('keeps the metadata as it was when the position is not its last key', () => {
    const fact = recorded(1, 7, 'first');
    const reordered = { ...fact, metadata: { position: 7, schemaVersion: 1, recordedAt: fact.metadata.recordedAt, recordedBy: 'x' } } as RecordedFact<LedgerFact>;
    const table = new FactTable(1024);
    table.add(reordered);
    table.add(recorded(2, 8, 'second'));
    const restored = FactTable.restore(roundTrip<FactTableSnapshot>(table.snapshot()));
    expect(JSON.stringify(restored.at(7)?.fact)).toBe(JSON.stringify(reordered));
  });

  it('finds facts by position when positions do not start at 1 or have gaps', () => {
    const table = new FactTable(1024);
    const positions = [5, 6, 9, 20, 21, 400];
    positions.forEach((position, n) => table.add(recorded(n, position, TITLES[n % 4])));
    positions.forEach((position, n) => expect(table.at(position)?.fact.id).toBe(`fact-${n}`));
    for (const missing of [1, 4, 7, 8, 10, 22, 399, 401]) expect(table.at(missing)).toBeUndefined();
    expect(() => table.add(recorded(99, 400, 'again'))).toThrow(/position 400 after 400/);
  });

  it('gives each fact its valid date as recorded, from the day column or, for text that is no YYYY-MM-DD, from the fact itself', () => {
    const dates = ['2017-03-01', '2016-12-31', '0001-01-01', '2017-1-01', '2017/03/01', '２０１７-03-01', '2017-03-0a', '2017-03-011', '', '9999-99-99'];
    const table = new FactTable(1024);
    dates.forEach((validDate, n) => table.add({ ...recorded(n, n + 1, 't'), data: { itemId: `item-${n}`, unitId: 'xinping', title: 't', validDate } } as RecordedFact<LedgerFact>));
    const noDate = { ...recorded(99, 100, 't'), data: { itemId: 'item-99', unitId: 'xinping', title: 't' } } as RecordedFact<LedgerFact>;
    table.add(noDate);
    const restored = FactTable.restore(roundTrip<FactTableSnapshot>(table.snapshot()));
    for (const t of [table, restored]) {
      dates.forEach((validDate, n) => expect(t.validDateAt(n + 1)).toBe(validDate));
      expect(t.validDateAt(100)).toBeNull();
      expect(t.validDateAt(50)).toBeNull();
    }
  });

  it("takes a checkpoint's id cells as they are, and places the ids again when the cells do not fit the hashes", () => {
    const facts = Array.from({ length: 1500 }, (_, n) => recorded(n, n + 1, 't'));
    const table = new FactTable(4096);
    for (const fact of facts.slice(0, 1000)) table.add(fact);
    const snapshot = table.snapshot();
    expect(snapshot.cells.length).toBe(2048); // a power of two, at most half full
    expect(snapshot.cells.filter((c) => c !== 0)).toHaveLength(1000);
    // Taken as they are, not placed again: cells of the right size that hold nothing find nothing.
    const emptied = FactTable.restore({ ...roundTrip<FactTableSnapshot>(snapshot), cells: new Uint32Array(2048) });
    expect(facts.slice(0, 1000).filter((fact) => emptied.has(fact.id))).toEqual([]);
    const kept = FactTable.restore(roundTrip<FactTableSnapshot>(snapshot));
    const tooSmall = FactTable.restore({ ...roundTrip<FactTableSnapshot>(snapshot), cells: new Uint32Array(1024) });
    const notAPowerOfTwo = FactTable.restore({ ...roundTrip<FactTableSnapshot>(snapshot), cells: new Uint32Array(3000) });
    for (const t of [kept, tooSmall, notAPowerOfTwo]) {
      for (const fact of facts.slice(1000)) t.add(fact);
      for (const fact of facts) expect(t.get(fact.id)?.position).toBe(fact.metadata.position);
      expect(t.has('fact-1500')).toBe(false);
    }
  });

  it('tells apart any ids, whatever their hashes (fast-check)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 300 }), fc.string(), (ids, other) => {
        const table = new FactTable(2048);
        ids.forEach((id, n) => table.add(recorded(n, n + 1, 't', id)));
        const restored = FactTable.restore(roundTrip<FactTableSnapshot>(table.snapshot()));
        for (const t of [table, restored]) {
          ids.forEach((id, n) => expect(t.get(id)?.position).toBe(n + 1));
          expect(t.has(other)).toBe(ids.includes(other));
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('positions by key', () => {
  it('hold what was added, before and after a round trip, new keys and old', () => {
    const index = PositionsByKey.empty();
    index.add('a', 1);
    index.add('b', 2);
    index.add('a', 3);
    const restored = PositionsByKey.restore(roundTrip<RelatedSnapshot>(index.snapshot()));
    for (const i of [index, restored]) {
      i.add('a', 4);
      i.add('c', 5);
    }
    for (const i of [index, restored]) {
      expect([...(i.get('a') ?? [])]).toEqual([1, 3, 4]);
      expect([...(i.get('b') ?? [])]).toEqual([2]);
      expect([...(i.get('c') ?? [])]).toEqual([5]);
      expect(i.get('d')).toBeUndefined();
      expect(new Map(i.entries())).toEqual(new Map([['a', [1, 3, 4]], ['b', [2]], ['c', [5]]]));
    }
    const again = PositionsByKey.restore(roundTrip<RelatedSnapshot>(restored.snapshot()));
    expect(new Map(again.entries())).toEqual(new Map(restored.entries()));
  });
});

describe('positions by key, many keys', () => {
  it('keeps every key apart and its positions in the order added, whatever the keys (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.nat({ max: 1e6 })), { maxLength: 3000 }), fc.nat({ max: 3000 }), (pairs, cut) => {
        const expected = new Map<string, number[]>();
        for (const [key, position] of pairs) expected.set(key, [...(expected.get(key) ?? []), position]);
        const index = PositionsByKey.empty();
        pairs.slice(0, cut).forEach(([key, position]) => index.add(key, position));
        const restored = PositionsByKey.restore(roundTrip<RelatedSnapshot>(index.snapshot()));
        for (const i of [index, restored]) {
          pairs.slice(cut).forEach(([key, position]) => i.add(key, position));
          expect(new Map(i.entries())).toEqual(expected);
          for (const [key, positions] of expected) expect(i.get(key)).toEqual(positions);
        }
        expect(index.get('absent\u0000key')).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});
