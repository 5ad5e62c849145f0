/**
 * Compact columns: numbers per fact in typed arrays rather than JS values, so a million facts cost
 * a few megabytes, the garbage collector has nothing to walk, and a checkpoint stores and restores
 * them whole. A typed array that grows by doubling.
 */
export class TypedColumn<T extends Uint32Array | Float64Array> {
  length = 0;
  constructor(
    private values: T,
    private readonly make: (n: number) => T,
  ) {}

  static restore<T extends Uint32Array | Float64Array>(values: T, make: (n: number) => T): TypedColumn<T> {
    const column = new TypedColumn(values, make);
    column.length = values.length;
    return column;
  }

  get(i: number): number {
    return this.values[i];
  }

  set(i: number, value: number): void {
    this.values[i] = value;
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = this.make(Math.max(16, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /**
   * Makes room for `count` more values and counts them in: the caller writes them into the
   * returned array from the old length on (rows of several numbers, without a call per number).
   */
  extend(count: number): T {
    if (this.length + count > this.values.length) {
      const grown = this.make(Math.max(16, this.values.length * 2, this.length + count));
      grown.set(this.values);
      this.values = grown;
    }
    this.length += count;
    return this.values;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.length; i++) yield this.values[i];
  }

  /** The used part, copied. */
  copy(): T {
    return this.values.slice(0, this.length) as T;
  }
}
