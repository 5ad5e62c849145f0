import { TypedColumn } from './typed-column';

/** FNV-1a over the UTF-16 units of a string. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Indexes 0, 1, 2, ... by a 32-bit hash each, in typed arrays: open addressing with linear
 * probing, at most half full. Holds no keys: a caller confirms a candidate against its own data,
 * so the index costs the collector nothing and a checkpoint stores only the hashes.
 */
export class HashIndex {
  /** index + 1 per cell, 0 empty */
  private cells: Uint32Array;

  private constructor(
    readonly hashes: TypedColumn<Uint32Array>,
    cells: Uint32Array | undefined,
  ) {
    // A checkpoint's cells are taken as they are when their size fits the hashes (a power of two, at
    // most half full): placing a million hashes again is random access into megabytes of cells.
    const fits = cells !== undefined && cells.length >= 1024 && (cells.length & (cells.length - 1)) === 0 && hashes.length * 2 <= cells.length;
    this.cells = fits ? cells : new Uint32Array(Math.max(1024, 2 ** Math.ceil(Math.log2(hashes.length * 2 + 1))));
    if (!fits) this.fill();
  }

  static empty(): HashIndex {
    return HashIndex.restore(new Uint32Array(0));
  }

  /** From the hashes of indexes 0 to n - 1, and the cells a snapshot kept of them (`cellsCopy`), when it did. */
  static restore(hashes: Uint32Array, cells?: Uint32Array): HashIndex {
    return new HashIndex(
      TypedColumn.restore<Uint32Array>(hashes, (n) => new Uint32Array(n)),
      cells,
    );
  }

  /** The cells, copied, for a snapshot beside the hashes. */
  cellsCopy(): Uint32Array {
    return this.cells.slice();
  }

  /** Adds the next index (the count so far) under `hash`. */
  add(hash: number): void {
    const index = this.hashes.length;
    this.hashes.push(hash);
    if (this.hashes.length * 2 > this.cells.length) {
      this.cells = new Uint32Array(this.cells.length * 2);
      this.fill();
    } else {
      this.place(index, hash);
    }
  }

  /** The index with this hash that `matches`, -1 when none. */
  find(hash: number, matches: (index: number) => boolean): number {
    const mask = this.cells.length - 1;
    for (let cell = hash & mask; this.cells[cell] !== 0; cell = (cell + 1) & mask) {
      const index = this.cells[cell] - 1;
      if (this.hashes.get(index) === hash && matches(index)) return index;
    }
    return -1;
  }

  /** The index with this hash whose key in `keys` is `key`, -1 when none (`find` without a closure: this runs per fact folded). */
  findKey(hash: number, keys: readonly string[], key: string): number {
    const mask = this.cells.length - 1;
    for (let cell = hash & mask; this.cells[cell] !== 0; cell = (cell + 1) & mask) {
      const index = this.cells[cell] - 1;
      if (this.hashes.get(index) === hash && keys[index] === key) return index;
    }
    return -1;
  }

  private fill(): void {
    for (let index = 0; index < this.hashes.length; index++) this.place(index, this.hashes.get(index));
  }

  private place(index: number, hash: number): void {
    const mask = this.cells.length - 1;
    let cell = hash & mask;
    while (this.cells[cell] !== 0) cell = (cell + 1) & mask;
    this.cells[cell] = index + 1;
  }
}
