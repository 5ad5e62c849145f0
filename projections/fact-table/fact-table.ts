import type { LedgerFact } from '../../events';
import { hashOf, HashIndex } from './hash-index';
import { instantKey } from './instant';
import { TypedColumn } from './typed-column';

/**
 * Every fact the model has folded, by position and by id, kept as UTF-8 JSON in large buffers
 * instead of as objects (`[id, data, metadata]`: the kind is a code in a column, and the position,
 * when it closes the metadata as the ledger puts it, is left to the positions column): a million facts cost their bytes (outside the JS heap, so the garbage
 * collector never walks them) and a checkpoint writes and reads the buffers whole. A fact is
 * decoded when a view needs it; the one folded last is kept decoded (the score index reads it at
 * once). Append-only, like the ledger.
 */
const CHUNK_BYTES = 16 * 2 ** 20;
/** A slot's address: chunk index * CHUNK_SPAN + byte offset in the chunk. */
const CHUNK_SPAN = 2 ** 32;

export interface FactTableSnapshot {
  readonly chunks: Uint8Array[];
  /** per slot (ledger order): its address */
  readonly addresses: Float64Array;
  /** per slot: its ledger position */
  readonly positions: Uint32Array;
  /** per slot: the hash of its id */
  readonly hashes: Uint32Array;
  /** the id index's cells over those hashes (`HashIndex`) */
  readonly cells: Uint32Array;
  /** per slot: its kind's code * 2, + 1 when the position was cut from the end of its metadata */
  readonly kinds: Uint32Array;
  /** the kinds by code */
  readonly types: string[];
  /** per slot: its own content's valid date as yyyymmdd, 0 when it has none */
  readonly validDays: Uint32Array;
}

/** yyyymmdd of a YYYY-MM-DD date, 0 for anything else (read back by decoding the fact). */
function dayOf(date: unknown): number {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return 0;
  let day = 0;
  // Digit by digit (this runs for every fact folded): the eight digits around the two '-'.
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = date.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return 0;
    day = day * 10 + digit;
  }
  return day;
}
const DAY_TEXTS = new Map<number, string>();

/** A fact as the table gives it back: with its position, and who recorded it when. */
export interface TableEntry {
  readonly position: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly fact: LedgerFact;
}
type Recorded = TableEntry;

export class FactTable {
  private chunks: Buffer[] = [];
  private used: number[] = [];
  private addresses: TypedColumn<Float64Array> = new TypedColumn<Float64Array>(new Float64Array(0), (n) => new Float64Array(n));
  private positions: TypedColumn<Uint32Array> = new TypedColumn<Uint32Array>(new Uint32Array(0), (n) => new Uint32Array(n));
  private kinds: TypedColumn<Uint32Array> = new TypedColumn<Uint32Array>(new Uint32Array(0), (n) => new Uint32Array(n));
  private typeNames: string[] = [];
  private validDays: TypedColumn<Uint32Array> = new TypedColumn<Uint32Array>(new Uint32Array(0), (n) => new Uint32Array(n));
  private typeCodes = new Map<string, number>();
  /** The slots by the hash of their fact's id (a hit is confirmed against the decoded fact). */
  private ids = HashIndex.empty();
  private last: Recorded | null = null;
  /** the fact decoded last (a fact re-scored is read as of two positions in a row) */
  private recent: { slot: number; entry: Recorded } | null = null;

  /** `chunkBytes`: the size buffers grow to (tests make it small to cross chunk boundaries). */
  constructor(private readonly chunkBytes = CHUNK_BYTES) {}

  get size(): number {
    return this.positions.length;
  }

  /**
   * Appends a fact at its position (by default the one in its metadata, as the ledger records it).
   * `encoded`: the fact's `JSON.stringify([id, data, metadata])` with `,"position":N` cut from the
   * end of its metadata, when the caller already holds that text (`encodedRecordedFact`), so the
   * fact is not serialised again.
   */
  add(recorded: LedgerFact, position: number = (recorded.metadata as { position: number }).position, encoded?: string): Recorded {
    const { recordedAt, recordedBy } = recorded.metadata as { recordedAt: string; recordedBy: string };
    const slot = this.positions.length;
    if (slot > 0 && position <= this.positions.get(slot - 1)) throw new RangeError(`fact table: position ${position} after ${this.positions.get(slot - 1)}`);
    let text = encoded;
    let cut = true;
    if (text === undefined) {
      text = JSON.stringify([recorded.id, recorded.data, recorded.metadata]);
      const tail = `,"position":${position}}]`; // where toRecordedFact puts it
      cut = text.endsWith(tail);
      if (cut) text = `${text.slice(0, -tail.length)}}]`;
    }
    let code = this.typeCodes.get(recorded.type);
    if (code === undefined) {
      code = this.typeNames.push(recorded.type) - 1;
      this.typeCodes.set(recorded.type, code);
    }
    let chunk = this.chunks.length - 1;
    // A UTF-8 byte per UTF-16 unit is at most 3: room for that many means the write always fits.
    if (chunk < 0 || this.used[chunk] + text.length * 3 > this.chunks[chunk].length) {
      // Chunks double from 64 KiB up to chunkBytes: a small ledger does not hold 16 MiB for a few facts.
      const grown = Math.min(this.chunkBytes, Math.max(64 * 1024, 2 * (this.chunks[chunk]?.length ?? 0)));
      this.chunks.push(Buffer.allocUnsafe(Math.max(grown, text.length * 3)));
      this.used.push(0);
      chunk++;
    }
    const offset = this.used[chunk];
    this.used[chunk] += this.chunks[chunk].write(text, offset, 'utf8');
    this.addresses.push(chunk * CHUNK_SPAN + offset);
    this.positions.push(position);
    this.kinds.push(code * 2 + (cut ? 1 : 0));
    this.validDays.push(dayOf((recorded.data as { validDate?: unknown }).validDate));
    this.ids.add(hashOf(recorded.id));
    this.last = { position, recordedAt, recordedBy, fact: recorded };
    return this.last;
  }

  has(id: string): boolean {
    return this.slotOfId(id) !== null;
  }

  get(id: string): Recorded | undefined {
    const slot = this.slotOfId(id);
    return slot === null ? undefined : this.decode(slot);
  }

  /** The fact at a ledger position. */
  at(position: number): Recorded | undefined {
    if (this.last?.position === position) return this.last;
    const slot = this.slotOf(position);
    return slot === null ? undefined : this.decode(slot);
  }

  idAt(position: number): string | undefined {
    return this.at(position)?.fact.id;
  }

  /** The position of the last fact recorded at or before `iso` (recorded times rise with position), 0 when none. */
  lastRecordedBy(iso: string): number {
    let lo = 0;
    let hi = this.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (instantKey(this.decode(mid).recordedAt) <= iso) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.positions.get(lo - 1);
  }

  /** The valid date of the fact's own content (as recorded, before any correction), without decoding it. */
  validDateAt(position: number): string | null {
    const slot = this.slotOf(position);
    const day = slot === null ? 0 : this.validDays.get(slot);
    if (day === 0) return slot === null ? null : (((this.decode(slot).fact.data as { validDate?: unknown }).validDate as string | undefined) ?? null);
    let text = DAY_TEXTS.get(day);
    if (text === undefined) DAY_TEXTS.set(day, (text = `${String(Math.floor(day / 10000)).padStart(4, '0')}-${String(Math.floor(day / 100) % 100).padStart(2, '0')}-${String(day % 100).padStart(2, '0')}`));
    return text;
  }

  /** The kinds of fact the table holds. */
  types(): readonly string[] {
    return this.typeNames;
  }

  /** The positions of the facts of some kinds (all kinds: every position), in ledger order, without decoding any. */
  *positionsOf(kinds?: ReadonlySet<string>): IterableIterator<number> {
    const codes = kinds === undefined ? null : new Set([...kinds].map((kind) => this.typeCodes.get(kind)).filter((code) => code !== undefined));
    for (let slot = 0; slot < this.positions.length; slot++) if (codes === null || codes.has(this.kinds.get(slot) >>> 1)) yield this.positions.get(slot);
  }

  /** Every fact in ledger order, decoded one by one. */
  *values(): IterableIterator<Recorded> {
    for (let slot = 0; slot < this.positions.length; slot++) yield this.decode(slot);
  }

  *keys(): IterableIterator<string> {
    for (const entry of this.values()) yield entry.fact.id;
  }

  snapshot(): FactTableSnapshot {
    const chunks = this.chunks.map((chunk, i) => new Uint8Array(chunk.buffer, chunk.byteOffset, this.used[i]));
    return { chunks, addresses: this.addresses.copy(), positions: this.positions.copy(), hashes: this.ids.hashes.copy(), cells: this.ids.cellsCopy(), kinds: this.kinds.copy(), types: [...this.typeNames], validDays: this.validDays.copy() };
  }

  static restore(snapshot: FactTableSnapshot, chunkBytes = CHUNK_BYTES): FactTable {
    const table = new FactTable(chunkBytes);
    // Each restored chunk is full: the next fact starts a new one.
    table.chunks = snapshot.chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength));
    table.used = snapshot.chunks.map((c) => c.byteLength);
    table.addresses = TypedColumn.restore<Float64Array>(snapshot.addresses, (n) => new Float64Array(n));
    table.positions = TypedColumn.restore<Uint32Array>(snapshot.positions, (n) => new Uint32Array(n));
    table.ids = HashIndex.restore(snapshot.hashes, snapshot.cells);
    table.kinds = TypedColumn.restore<Uint32Array>(snapshot.kinds, (n) => new Uint32Array(n));
    table.typeNames = [...snapshot.types];
    table.validDays = TypedColumn.restore<Uint32Array>(snapshot.validDays, (n) => new Uint32Array(n));
    table.typeCodes = new Map(snapshot.types.map((type, code) => [type, code]));
    if (snapshot.positions.length > 0) table.last = table.decode(snapshot.positions.length - 1);
    return table;
  }

  private slotOfId(id: string): number | null {
    const slot = this.ids.find(hashOf(id), (candidate) => this.decode(candidate).fact.id === id);
    return slot < 0 ? null : slot;
  }

  private slotOf(position: number): number | null {
    const { positions } = this;
    // Ledger positions are consecutive from 1: the slot is position - 1 unless the model began elsewhere.
    if (position >= 1 && position <= positions.length && positions.get(position - 1) === position) return position - 1;
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions.get(mid) < position) lo = mid + 1;
      else hi = mid;
    }
    return lo < positions.length && positions.get(lo) === position ? lo : null;
  }

  private decode(slot: number): Recorded {
    if (this.last !== null && this.positions.get(slot) === this.last.position) return this.last;
    if (this.recent?.slot === slot) return this.recent.entry;
    const address = this.addresses.get(slot);
    const chunk = Math.floor(address / CHUNK_SPAN);
    const start = address - chunk * CHUNK_SPAN;
    const next = slot + 1 < this.addresses.length ? this.addresses.get(slot + 1) : undefined;
    const end = next !== undefined && Math.floor(next / CHUNK_SPAN) === chunk ? next - chunk * CHUNK_SPAN : this.used[chunk];
    const [id, data, metadata] = JSON.parse(this.chunks[chunk].toString('utf8', start, end)) as [string, unknown, Record<string, unknown>];
    const kind = this.kinds.get(slot);
    const position = this.positions.get(slot);
    if (kind % 2 === 1) metadata.position = position;
    const fact = { id, type: this.typeNames[kind >>> 1], data, metadata } as LedgerFact;
    const { recordedAt, recordedBy } = metadata as { recordedAt: string; recordedBy: string };
    const entry = { position, recordedAt, recordedBy, fact };
    this.recent = { slot, entry };
    return entry;
  }
}
