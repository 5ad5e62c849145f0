import type { SchemeDefinition } from '../../events';
import { schemeIdForYear } from './as-of';
import { RelatedGroups } from './groups';
import { timelinesOf, type RuleContext } from './lines';
import type { SchemeVersionEntry, ScoringModel } from './model';
import type { PlacementTimeline } from './placements';

/** What the rules read of schemes and placements as of a position: the same for every position until one of them changes. */
interface Readings {
  readonly schemeIds: Map<number, string | null>;
  /** the placements by scheme (`timelinesOf`), each built when first asked */
  timelineOf: ((schemeId: string) => PlacementTimeline) | null;
  readonly versions: Map<string, Map<string, SchemeVersionEntry | null>>;
}
const noReadings = (): Readings => ({ schemeIds: new Map(), timelineOf: null, versions: new Map() });

/**
 * The score index reads every fact's rules as of two positions, q - 1 and q, while folding the fact
 * at q. What those rules read of schemes and placements changes only with a scheme or placement fact,
 * so it is kept across folds until one comes (`moved`); the group readers are per position, so per
 * fold. Not checkpointed: everything here is read again from the model.
 */
export class RuleReadings {
  /** Valid for any position at or after `from` (the last fact that changed a scheme or a placement). */
  private readings = noReadings();
  private from = 0;
  /** For the position before the fact being folded, when that fact changed them. */
  private before: Readings | null = null;
  private readonly groupsAt = new Map<number, RelatedGroups>();

  /** Call before reading anything for the fact at the next position. */
  startFact(): void {
    if (this.groupsAt.size > 0) this.groupsAt.clear();
    this.before = null;
  }

  /** The fact at q changed a scheme or a placement: readings as of q are read again. */
  moved(q: number): void {
    this.readings = noReadings();
    this.from = q;
  }

  schemeFor(model: ScoringModel, year: number, p: number): string | null {
    const { schemeIds } = this.at(p);
    let schemeId = schemeIds.get(year);
    if (schemeId === undefined) schemeIds.set(year, (schemeId = schemeIdForYear(model, year, p)));
    return schemeId;
  }

  /** Whether any version of the year's scheme recorded by p passes `test`. */
  anyVersion(model: ScoringModel, year: number, p: number, test: (scheme: SchemeDefinition) => boolean): boolean {
    const schemeId = this.schemeFor(model, year, p);
    return schemeId !== null && (model.schemes.get(schemeId) ?? []).some((v) => v.position <= p && test(v.scheme));
  }

  /** Whether any version recorded by p of a scheme for a year after `year` passes `test`. */
  anySchemeAfter(model: ScoringModel, year: number, p: number, test: (scheme: SchemeDefinition) => boolean): boolean {
    for (const versions of model.schemes.values()) if (versions[0].scheme.year > year && versions.some((v) => v.position <= p && test(v.scheme))) return true;
    return false;
  }

  groups(model: ScoringModel, p: number): RelatedGroups {
    let groups = this.groupsAt.get(p);
    if (!groups) this.groupsAt.set(p, (groups = new RelatedGroups(model, p)));
    return groups;
  }

  context(model: ScoringModel, year: number, p: number): RuleContext | null {
    const schemeId = this.schemeFor(model, year, p);
    if (schemeId === null) return null;
    const readings = this.at(p);
    const timelineOf = (readings.timelineOf ??= timelinesOf(model, p));
    let versions = readings.versions.get(schemeId);
    if (!versions) readings.versions.set(schemeId, (versions = new Map()));
    return { model, p, schemeId, timeline: timelineOf(schemeId), timelineOf, groups: this.groups(model, p), versions };
  }

  /** The readings for p (q or q - 1 while folding the fact at q). */
  private at(p: number): Readings {
    return p >= this.from ? this.readings : (this.before ??= noReadings());
  }
}
