import type { LedgerFact, RecordedFact } from '../../events';
import type { Recorded } from './model';

/**
 * Every fact the model has folded, by position and by id, kept as UTF-8 JSON in large buffers
 * instead of as objects: a million facts cost their bytes (outside the JS heap, so the garbage
 * collector never walks them) and a checkpoint writes and reads the buffers whole. A fact is
 * decoded when a view needs it; the one folded last is kept decoded (the score index reads it at
 * once). Append-only, like the ledger.
 */
const CHUNK_BYTES = 16 * 2 ** 20;
/** A slot's address: chunk index * CHUNK_SPAN + byte offset in the chunk. */
const CHUNK_SPAN = 2 ** 32;

export interface FactTableSnapshot {
  readonly chunks: Uint8Array[];
  /** bytes used in each chunk */
  readonly used: number[];
  /** per slot (ledger order): its address */
  readonly addresses: number[];
  /** per slot: its ledger position */
  readonly positions: number[];
  /** fact ids in slot order, joined by '\n' (one string: fast to store and restore) */
  readonly ids: string;
}

export class FactTable {
  private chunks: Buffer[] = [];
  private used: number[] = [];
  private addresses: number[] = [];
  private positions: number[] = [];
  private ids: string[] = [];
  /** id -> slot, built on first lookup after a restore */
  private slotById: Map<string, number> | null = new Map();
  private last: Recorded | null = null;

  get size(): number {
    return this.positions.length;
  }

  add(recorded: RecordedFact<LedgerFact>): Recorded {
    const { position, recordedAt, recordedBy } = recorded.metadata;
    const slot = this.positions.length;
    if (slot > 0 && position <= this.positions[slot - 1]) throw new RangeError(`fact table: position ${position} after ${this.positions[slot - 1]}`);
    const text = JSON.stringify(recorded);
    let chunk = this.chunks.length - 1;
    // A UTF-8 byte per UTF-16 unit is at most 3: room for that many means the write always fits.
    if (chunk < 0 || this.used[chunk] + text.length * 3 > this.chunks[chunk].length) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3)));
      this.used.push(0);
      chunk++;
    }
    const offset = this.used[chunk];
    this.used[chunk] += this.chunks[chunk].write(text, offset, 'utf8');
    this.addresses.push(chunk * CHUNK_SPAN + offset);
    this.positions.push(position);
    this.ids.push(recorded.id);
    this.slotById?.set(recorded.id, slot);
    this.last = { position, recordedAt, recordedBy, fact: recorded };
    return this.last;
  }

  has(id: string): boolean {
    return this.index().has(id);
  }

  get(id: string): Recorded | undefined {
    const slot = this.index().get(id);
    return slot === undefined ? undefined : this.decode(slot);
  }

  /** The fact at a ledger position. */
  at(position: number): Recorded | undefined {
    if (this.last?.position === position) return this.last;
    const slot = this.slotOf(position);
    return slot === null ? undefined : this.decode(slot);
  }

  idAt(position: number): string | undefined {
    const slot = this.slotOf(position);
    return slot === null ? undefined : this.ids[slot];
  }

  /** Every fact in ledger order, decoded one by one. */
  *values(): IterableIterator<Recorded> {
    for (let slot = 0; slot < this.positions.length; slot++) yield this.decode(slot);
  }

  *keys(): IterableIterator<string> {
    yield* this.ids;
  }

  snapshot(): FactTableSnapshot {
    const chunks = this.chunks.map((chunk, i) => new Uint8Array(chunk.buffer, chunk.byteOffset, this.used[i]));
    return { chunks, used: [...this.used], addresses: this.addresses, positions: this.positions, ids: this.ids.join('\n') };
  }

  static restore(snapshot: FactTableSnapshot): FactTable {
    const table = new FactTable();
    // Each restored chunk is full: the next fact starts a new one.
    table.chunks = snapshot.chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength));
    table.used = snapshot.chunks.map((c) => c.byteLength);
    table.addresses = snapshot.addresses;
    table.positions = snapshot.positions;
    table.ids = snapshot.ids === '' ? [] : snapshot.ids.split('\n');
    table.slotById = null;
    return table;
  }

  private index(): Map<string, number> {
    if (this.slotById === null) this.slotById = new Map(this.ids.map((id, slot) => [id, slot]));
    return this.slotById;
  }

  private slotOf(position: number): number | null {
    const { positions } = this;
    // Ledger positions are consecutive from 1: the slot is position - 1 unless the model began elsewhere.
    if (positions[position - 1] === position) return position - 1;
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid] < position) lo = mid + 1;
      else hi = mid;
    }
    return positions[lo] === position ? lo : null;
  }

  private decode(slot: number): Recorded {
    if (this.last !== null && this.positions[slot] === this.last.position) return this.last;
    const address = this.addresses[slot];
    const chunk = Math.floor(address / CHUNK_SPAN);
    const start = address - chunk * CHUNK_SPAN;
    const next = this.addresses[slot + 1];
    const end = next !== undefined && Math.floor(next / CHUNK_SPAN) === chunk ? next - chunk * CHUNK_SPAN : this.used[chunk];
    const fact = JSON.parse(this.chunks[chunk].toString('utf8', start, end)) as RecordedFact<LedgerFact>;
    const { position, recordedAt, recordedBy } = fact.metadata;
    return { position, recordedAt, recordedBy, fact };
  }
}
