/** The scoring model's `related` index, kept compact: typed arrays once restored from a checkpoint. */

export interface RelatedSnapshot {
  readonly keys: string[];
  /** the positions of keys[i] are positions[offsets[i]] up to positions[offsets[i + 1]] */
  readonly offsets: Uint32Array;
  readonly positions: Uint32Array;
}

/**
 * Positions by key, append-only (the model's `related` index). A restored index keeps what it
 * was given in two typed arrays (keys by offset: no array per key to rebuild); what is added
 * after lives in a small map beside it; a snapshot merges the two.
 */
export class PositionsByKey {
  private readonly stored = new Map<string, number>();
  /** a key's positions added since the restore: one number while there is one (most keys), then a list */
  private readonly added = new Map<string, number | number[]>();

  private constructor(private readonly base: RelatedSnapshot) {
    base.keys.forEach((key, i) => this.stored.set(key, i));
  }

  static empty(): PositionsByKey {
    return new PositionsByKey({ keys: [], offsets: new Uint32Array(1), positions: new Uint32Array(0) });
  }

  static restore(snapshot: RelatedSnapshot): PositionsByKey {
    return new PositionsByKey(snapshot);
  }

  get(key: string): readonly number[] | Uint32Array | undefined {
    const i = this.stored.get(key);
    const added = this.addedTo(key);
    if (i === undefined) return added;
    const stored = this.base.positions.subarray(this.base.offsets[i], this.base.offsets[i + 1]);
    return added === undefined ? stored : [...stored, ...added];
  }

  add(key: string, position: number): void {
    const list = this.added.get(key);
    if (list === undefined) this.added.set(key, position);
    else if (typeof list === 'number') this.added.set(key, [list, position]);
    else list.push(position);
  }

  /** Every key with its positions, in insertion order of the keys. */
  *entries(): IterableIterator<[string, number[]]> {
    for (const key of this.base.keys) yield [key, [...this.get(key)!]];
    for (const key of this.added.keys()) if (!this.stored.has(key)) yield [key, [...this.addedTo(key)!]];
  }

  snapshot(): RelatedSnapshot {
    const keys: string[] = [];
    const lists: Array<readonly number[] | Uint32Array> = [];
    const add = (key: string, list: readonly number[] | Uint32Array) => {
      keys.push(key);
      lists.push(list);
    };
    for (const key of this.base.keys) add(key, this.get(key)!);
    for (const key of this.added.keys()) if (!this.stored.has(key)) add(key, this.addedTo(key)!);
    const offsets = new Uint32Array(keys.length + 1);
    lists.forEach((list, i) => (offsets[i + 1] = offsets[i] + list.length));
    const positions = new Uint32Array(offsets[keys.length]);
    lists.forEach((list, i) => positions.set(list, offsets[i]));
    return { keys, offsets, positions };
  }

  private addedTo(key: string): readonly number[] | undefined {
    const list = this.added.get(key);
    return typeof list === 'number' ? [list] : list;
  }
}
