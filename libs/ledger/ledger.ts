import { canonicalJson } from '../canonical';
import { CURRENT_SCHEMA_VERSION, type FactKind, type LedgerFact, type RecordedFact } from '../../events';
import { evolveLedgerState, initialLedgerState, instantKey, type LedgerState } from '../../projections';
import { ExpectedRevisionConflictError, StreamNotFoundError, type EventStorePort, type StoredFact } from '../store';
import { checkFactData, decidedBeforeLaterChecks } from '../validation';
import type { Clock } from './clock';
import { FactForbiddenError, FactRejectedError, LedgerConflictError, StaleDecisionError } from './errors';
import { checkFact, type Problem } from './fact-checks';
import { contentOf, encodedRecordedFact, LEDGER_STREAM, toNewFact, toRecordedFact } from './recorded-fact';
import { StateCheckpoints, type StateCheckpointOptions } from './state-checkpoints';

export interface AppendContext {
  /** The authenticated actor; recorded as metadata.recordedBy. */
  readonly actor: string;
  /**
   * A restore (CLI import of an export) keeps the recordedAt and recordedBy a fact already
   * carries; every other append stamps them from the clock and the actor.
   */
  readonly keepRecordedMetadata?: boolean;
  /**
   * For facts decided from a view (a settlement): the ledger position the decision was made at.
   * If anything was recorded since, nothing is appended and StaleDecisionError asks the caller
   * to decide again.
   */
  readonly expectedHead?: number;
  /**
   * Who may record what (the API's roles): given a fact's kind, and for a correction the kind of
   * the fact it corrects, the reason the actor may not record it, or null. A refusal throws
   * FactForbiddenError and appends nothing. Checked in the decide step, where a correction's
   * target is known.
   */
  readonly forbids?: (kind: FactKind, correctedKind: FactKind | null) => string | null;
}

export interface AppendOutcome {
  readonly appended: number;
  readonly skipped: number;
  /** Ledger position after the append. */
  readonly head: number;
}

export interface Candidate {
  readonly fact: LedgerFact;
  /** Line in the input, for error messages. */
  readonly line?: number;
}

const MAX_ATTEMPTS = 5;
/** The problems one rejected input names at most. */
const MAX_PROBLEMS = 100;

type Stamped = LedgerFact & { metadata: { recordedAt: string } };
/** How far ahead of this machine's clock the machine that recorded a restored fact may have been. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** `checkpointPath` and the like: the decision state's checkpoint (`state-checkpoints.ts`). */
export interface LedgerOptions extends StateCheckpointOptions {
  readonly streamId?: string;
}

/**
 * The one place with I/O for appends (read -> fold -> decide -> append with the expected
 * revision). All facts live in one stream: the ledger's invariants (registry, scheme in force,
 * void once, every prefix valid) span every fact, so the whole ledger is the consistency boundary.
 */
export class Ledger {
  private state: LedgerState = initialLedgerState();
  private dirty = false;
  /** The catch-up in progress: one at a time, so two callers never fold the same facts twice. */
  private catching: Promise<void> | null = null;
  /** Appends between deciding and the store's answer: the state holds facts the store may refuse. */
  private appending = 0;
  private readonly streamId: string;
  private readonly checkpoints: StateCheckpoints;

  constructor(
    private readonly store: EventStorePort,
    private readonly clock: Clock,
    options: LedgerOptions = {},
  ) {
    this.streamId = options.streamId ?? LEDGER_STREAM;
    this.checkpoints = new StateCheckpoints(store, this.streamId, options);
  }

  /** Current ledger position (number of facts). */
  async head(): Promise<number> {
    await this.catchUp();
    return this.state.position;
  }

  async append(candidates: readonly Candidate[], context: AppendContext): Promise<AppendOutcome> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await this.catchUp();
      if (context.expectedHead !== undefined && this.state.position !== context.expectedHead) {
        throw new StaleDecisionError(`decided at position ${context.expectedHead}, but the ledger is at ${this.state.position}`);
      }
      const expected = this.state.position === 0 ? ('no_stream' as const) : BigInt(this.state.position - 1);
      let decided;
      try {
        decided = this.decide(candidates, context);
      } catch (error) {
        this.dirty = true; // the state took part of the batch; rebuild before the next use
        throw error;
      }
      if (decided.facts.length === 0) return { appended: 0, skipped: decided.skipped, head: this.state.position };
      this.appending += 1;
      try {
        await this.store.appendToStream(this.streamId, decided.facts.map(toNewFact), { expectedRevision: expected });
        this.scheduleCheckpoint();
        return { appended: decided.facts.length, skipped: decided.skipped, head: this.state.position };
      } catch (error) {
        this.dirty = true;
        if (!(error instanceof ExpectedRevisionConflictError)) throw error;
      } finally {
        this.appending -= 1;
      }
    }
    throw new LedgerConflictError(`another writer kept appending; gave up after ${MAX_ATTEMPTS} attempts`);
  }

  /** Every fact up to a position (inclusive; default the head), in ledger order. */
  async *read(options: { until?: number; from?: number } = {}): AsyncIterable<RecordedFact<LedgerFact>> {
    for await (const stored of this.stored(options)) yield toRecordedFact(stored);
  }

  /**
   * Writes the decision state's checkpoint when one is due (or `force`) and the state is the
   * store's: not while a catch-up or an append is under way, nor after a failed one.
   */
  async checkpoint(force = false): Promise<void> {
    if (!this.isTheStores() || !(force || this.checkpoints.due(this.state.position))) return;
    const { position } = this.state;
    const headHash = await this.checkpoints.hashAt(position);
    // Taken and written in one synchronous step, and only if the state is still the store's there:
    // an append decided meanwhile has folded facts the store may yet refuse into the state.
    if (this.isTheStores() && this.state.position === position) this.checkpoints.write(this.state, headHash);
  }

  /** Stops the checkpoint timer (a due checkpoint is then written by `checkpoint()` or not at all). */
  close(): void {
    this.checkpoints.close();
  }

  /** Whether the state is the store's: no catch-up or append under way, none failed since the last fold. */
  private isTheStores(): boolean {
    return !this.dirty && this.catching === null && this.appending === 0;
  }

  private async *stored(options: { until?: number; from?: number }): AsyncIterable<StoredFact> {
    const from = BigInt(Math.max((options.from ?? 1) - 1, 0));
    try {
      for await (const stored of this.store.readStream(this.streamId, { fromRevision: from })) {
        if (options.until !== undefined && stored.revision + 1n > BigInt(options.until)) return;
        yield stored;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }

  private scheduleCheckpoint(): void {
    this.checkpoints.schedule(this.state.position, () => {
      if (!this.isTheStores()) return false;
      // A checkpoint only saves the next process a fold: one that cannot be written now is written another time.
      this.checkpoint().catch(() => undefined);
      return true;
    });
  }

  /** Folds facts recorded since the last call (everything, after a failed append); single-flight. */
  private async catchUp(): Promise<void> {
    while (this.catching) await this.catching;
    this.catching = this.foldRecorded().finally(() => {
      this.catching = null;
    });
    await this.catching;
    this.scheduleCheckpoint();
  }

  private async foldRecorded(): Promise<void> {
    if (this.dirty) {
      this.state = initialLedgerState();
      this.checkpoints.reset();
      this.dirty = false;
    }
    if (this.state.position === 0) this.state = (await this.checkpoints.restore()) ?? this.state;
    for await (const stored of this.stored({ from: this.state.position + 1 })) {
      const fact = toRecordedFact(stored);
      evolveLedgerState(this.state, fact, fact.metadata.recordedAt, encodedRecordedFact(stored, fact));
    }
  }

  /**
   * Checks each candidate against everything before it (the batch included) and stamps it. A
   * rejected fact is left out and the rest are still checked, so one rejection names every
   * problem of the input (up to MAX_PROBLEMS; a fact that depends on a rejected one is rejected too).
   */
  private decide(candidates: readonly Candidate[], context: AppendContext): { facts: LedgerFact[]; skipped: number } {
    const facts: LedgerFact[] = [];
    let skipped = 0;
    const rejections: FactRejectedError[] = [];
    const now = this.clock.now();
    /** now, and the latest recorded time a restored fact may carry (give or take another machine's clock) */
    const clock = { now: now.toISOString(), latest: new Date(now.getTime() + CLOCK_SKEW_MS).toISOString() };
    /** the facts of this batch decided so far, with their lines */
    const batch = new Map<string, number | undefined>();
    for (const { fact, line } of candidates) {
      const outcome = this.decideOne(fact, context, clock, batch);
      if (outcome === 'skipped') {
        skipped += 1;
      } else if ('field' in outcome) {
        rejections.push(new FactRejectedError(fact.id, outcome.field, outcome.reason, line));
        if (rejections.length === MAX_PROBLEMS) break;
      } else {
        evolveLedgerState(this.state, outcome, outcome.metadata.recordedAt);
        facts.push(outcome);
        batch.set(fact.id, line);
      }
    }
    if (rejections.length > 0) throw rejections[0].alongWith(rejections.slice(1));
    return { facts, skipped };
  }

  /** One candidate: skipped (stored with the same content), rejected (the problem), or stamped. */
  private decideOne(fact: LedgerFact, context: AppendContext, clock: { now: string; latest: string }, batch: ReadonlyMap<string, number | undefined>): 'skipped' | Problem | Stamped {
    const stored = this.state.facts.get(fact.id);
    if (stored) {
      if (canonicalJson(contentOf({ ...stored, metadata: stored.metadata })) === canonicalJson(contentOf(withSchemaVersion(fact)))) return 'skipped';
      if (!batch.has(fact.id)) return { field: 'id', reason: `fact ${fact.id} is already recorded (position ${stored.position}) with other content` };
      const first = batch.get(fact.id);
      return { field: 'id', reason: `fact ${fact.id} comes twice in this input${first === undefined ? '' : ` (first on line ${first})`}, with other content` };
    }
    // Out of role ends the decision at once: the actor has no business learning what else is wrong.
    const refusal = context.forbids?.(fact.type, fact.type === 'FactCorrected' ? (this.state.facts.get(fact.data.correctedFactId)?.type ?? null) : null);
    if (refusal) throw new FactForbiddenError(fact.id, fact.type === 'FactCorrected' ? 'data.correctedFactId' : 'type', refusal);
    // Restored from before the later checks began (the recorded time's bounds are checked below): decided under the checks of its time.
    const restored = context.keepRecordedMetadata === true && decidedBeforeLaterChecks(fact.metadata.recordedAt);
    const problem = checkFact(this.state, fact, { restored }) ?? this.checkReplacement(fact, restored);
    if (problem) return problem;
    const stamped = this.stamp(fact, context, clock.now);
    if (instantKey(stamped.metadata.recordedAt) < (this.state.lastRecordedAt ?? '')) {
      return { field: 'metadata.recordedAt', reason: `${stamped.metadata.recordedAt} is earlier than the last recorded fact (${this.state.lastRecordedAt}); recorded times never go backwards` };
    }
    if (context.keepRecordedMetadata && fact.metadata.recordedAt !== undefined && instantKey(stamped.metadata.recordedAt) > clock.latest) {
      return { field: 'metadata.recordedAt', reason: `${stamped.metadata.recordedAt} is later than now (${clock.now}); a restored fact keeps the time it was recorded, which has passed` };
    }
    return (!restored && settledBeforeYearClosed(stamped)) || stamped;
  }

  private stamp(fact: LedgerFact, context: AppendContext, now: string): Stamped {
    const keep = context.keepRecordedMetadata === true;
    const last = this.state.lastRecordedAt;
    // A clock behind the last recorded time (an import from a faster clock) must not reorder time.
    const clockTime = last !== null && now < last ? last : now;
    const metadata = {
      ...withSchemaVersion(fact).metadata,
      // A restored time exactly as given: the chain hash and any circular computed from it cover that text (compared by `instantKey`).
      recordedAt: keep && fact.metadata.recordedAt ? fact.metadata.recordedAt : clockTime,
      // who recorded it is restored only with when (the edge refuses a recordedBy alone)
      recordedBy: keep && fact.metadata.recordedAt && fact.metadata.recordedBy ? fact.metadata.recordedBy : context.actor,
    };
    delete (metadata as { position?: number }).position;
    return { ...fact, metadata } as Stamped;
  }

  /** A replacement carries the complete new content of the corrected fact's kind, checked as if appended. */
  private checkReplacement(fact: LedgerFact, restored: boolean): Problem | null {
    if (fact.type !== 'FactCorrected' || fact.data.correction !== 'replace') return null;
    const target = this.state.facts.get(fact.data.correctedFactId)!; // checkFact found it, and found it replaceable
    const shapeErrors = checkFactData(target.type, fact.data.replacement, 'data.replacement');
    if (shapeErrors.length > 0) {
      const [first] = shapeErrors;
      return { field: first.field, reason: `${first.reason} (a replacement is the complete content of a ${target.type}, the corrected fact's kind; to change the kind, void the fact and append anew)` };
    }
    const replacement = { id: fact.data.correctedFactId, type: target.type, data: fact.data.replacement, metadata: {} } as LedgerFact;
    if (replacement.type === 'CommissionRequested') {
      // The commission it replaces is itself, not a duplicate; what answers it names it by its id.
      if (replacement.data.commissionId === (target.data as { commissionId?: string }).commissionId) return null;
      if (!restored) return { field: 'data.replacement.commissionId', reason: `a replacement keeps the commission's id (${(target.data as { commissionId?: string }).commissionId}); to give it another, void it and request anew` };
    }
    const problem = checkFact(this.state, replacement, { restored });
    return problem && { field: problem.field.replace(/^data/, 'data.replacement'), reason: problem.reason };
  }
}

/** The instant a year closes, from which its settlement is recorded: the first of the next year (UTC, the ledger's clock). */
export function yearClosesAt(year: number): Date {
  return new Date(Date.UTC(year + 1, 0, 1));
}

/**
 * The year-end settlement is run after the year closes (SPEC.md section 4): a settlement recorded
 * before the first instant of the next year (UTC, the ledger's clock) would settle adoptions still
 * to come. Decided on the recorded time, so a restore is held to the time it was first recorded.
 */
function settledBeforeYearClosed(fact: Stamped): Problem | null {
  if (fact.type !== 'QuotaSettled') return null;
  const closes = yearClosesAt(fact.data.year).toISOString();
  if (instantKey(fact.metadata.recordedAt) >= closes) return null;
  return { field: 'data.year', reason: `${fact.data.year} has not closed (recorded at ${fact.metadata.recordedAt}): a year's quotas are settled from ${closes} on` };
}

function withSchemaVersion<F extends LedgerFact>(fact: F): F {
  return fact.metadata.schemaVersion === undefined ? { ...fact, metadata: { ...fact.metadata, schemaVersion: CURRENT_SCHEMA_VERSION[fact.type] } } : fact;
}
