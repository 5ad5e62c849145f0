import { hashOf, HashIndex, TypedColumn } from '../fact-table';

/** The scoring model's `related` index as plain data for a checkpoint: its columns whole. */
export interface RelatedSnapshot {
  readonly keys: string[];
  /** per key: the hash of the key, its first and last edge + 1 */
  readonly hashes: Uint32Array;
  /** the key index's cells over those hashes (`HashIndex`) */
  readonly cells: Uint32Array;
  readonly firsts: Uint32Array;
  readonly lasts: Uint32Array;
  /** per edge (one position of one key, in the order added): the position and the key's next edge + 1 (0: none) */
  readonly positions: Uint32Array;
  readonly nexts: Uint32Array;
}

const column = (values: Uint32Array = new Uint32Array(0)) => TypedColumn.restore<Uint32Array>(values, (n) => new Uint32Array(n));

/**
 * Positions by key, append-only (the model's `related` index: a million facts add about two
 * million positions under a million keys). The keys sit in one array, found through an
 * open-addressing table of their hashes; each key's positions are a chain of edges in typed
 * columns. So the index is no JS Map of a million entries (rehashed as it grows, walked by every
 * collection), and a checkpoint stores and restores its columns whole.
 */
export class PositionsByKey {
  private keys: string[] = [];
  /** the keys by hash */
  private index = HashIndex.empty();
  private firsts = column();
  private lasts = column();
  private positions = column();
  private nexts = column();

  static empty(): PositionsByKey {
    return new PositionsByKey();
  }

  static restore(snapshot: RelatedSnapshot): PositionsByKey {
    const index = new PositionsByKey();
    index.keys = [...snapshot.keys];
    index.index = HashIndex.restore(snapshot.hashes, snapshot.cells);
    index.firsts = column(snapshot.firsts);
    index.lasts = column(snapshot.lasts);
    index.positions = column(snapshot.positions);
    index.nexts = column(snapshot.nexts);
    return index;
  }

  /** The key's positions in the order they were added. */
  get(key: string): readonly number[] | undefined {
    const k = this.find(key, hashOf(key));
    if (k < 0) return undefined;
    const out: number[] = [];
    for (let edge = this.firsts.get(k); edge !== 0; edge = this.nexts.get(edge - 1)) out.push(this.positions.get(edge - 1));
    return out;
  }

  add(key: string, position: number): void {
    const hash = hashOf(key);
    const k = this.find(key, hash);
    this.positions.push(position);
    this.nexts.push(0);
    const edge = this.positions.length; // + 1
    if (k < 0) {
      this.keys.push(key);
      this.index.add(hash);
      this.firsts.push(edge);
      this.lasts.push(edge);
      return;
    }
    this.nexts.set(this.lasts.get(k) - 1, edge);
    this.lasts.set(k, edge);
  }

  /** Every key with its positions, in insertion order of the keys. */
  *entries(): IterableIterator<[string, number[]]> {
    for (const key of this.keys) yield [key, [...this.get(key)!]];
  }

  snapshot(): RelatedSnapshot {
    return { keys: [...this.keys], hashes: this.index.hashes.copy(), cells: this.index.cellsCopy(), firsts: this.firsts.copy(), lasts: this.lasts.copy(), positions: this.positions.copy(), nexts: this.nexts.copy() };
  }

  private find(key: string, hash: number): number {
    return this.index.findKey(hash, this.keys, key);
  }
}
