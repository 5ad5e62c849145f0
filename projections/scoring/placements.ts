import type { LedgerFact } from '../../events';
import { effectiveFact, isLiveAsOf, unitIdOf } from './as-of';
import type { ScoringModel } from './model';

/**
 * Where a unit stands in a scheme on a date, as of a position: group, tier, withdrawal and
 * direct-reporting-point designations are dated facts (a retroactive change counts in views
 * asked after it was recorded, never in views as of a position before it).
 */
export interface Placement {
  readonly group: string | null;
  readonly tier: string | null;
  readonly withdrawn: boolean;
}

interface PlacementEvent {
  readonly validDate: string;
  readonly position: number;
  readonly fact: LedgerFact;
}

export class PlacementTimeline {
  private readonly byUnit = new Map<string, PlacementEvent[]>();

  constructor(model: ScoringModel, schemeId: string, p: number) {
    for (const entry of model.placements) {
      if (entry.position > p || !isLiveAsOf(model, entry.fact.id, p)) continue;
      const fact = effectiveFact(model, entry, p) as LedgerFact & { data: { schemeId: string; unitId: string; validDate: string } };
      if (fact.data.schemeId !== schemeId) continue;
      const unitId = unitIdOf(model, fact.data.unitId);
      if (unitId === null) continue;
      const list = this.byUnit.get(unitId) ?? [];
      list.push({ validDate: fact.data.validDate, position: entry.position, fact });
      this.byUnit.set(unitId, list);
    }
    for (const list of this.byUnit.values()) list.sort((a, b) => (a.validDate < b.validDate ? -1 : a.validDate > b.validDate ? 1 : a.position - b.position));
  }

  unitIds(): string[] {
    return [...this.byUnit.keys()];
  }

  placementOn(unitId: string, date: string): Placement {
    let placement: Placement = { group: null, tier: null, withdrawn: false };
    for (const event of this.byUnit.get(unitId) ?? []) {
      if (event.validDate > date) break;
      const { fact } = event;
      if (fact.type === 'UnitEnrolled' || fact.type === 'UnitGroupChanged') placement = { group: fact.data.group, tier: fact.data.tier, withdrawn: false };
      else if (fact.type === 'UnitTierChanged') placement = { ...placement, tier: fact.data.tier };
      else if (fact.type === 'UnitWithdrawn') placement = { ...placement, withdrawn: true };
    }
    return placement;
  }

  /** The tier the unit stands in on a date, when it is placed and not withdrawn (a target period or quota period owes only then). */
  tierOn(unitId: string, date: string): string | null {
    const placement = this.placementOn(unitId, date);
    return placement.withdrawn ? null : placement.tier;
  }

  isDirectReportingPoint(unitId: string, level: string, date: string): boolean {
    let designated = false;
    for (const event of this.byUnit.get(unitId) ?? []) {
      if (event.validDate > date) break;
      const { fact } = event;
      if (fact.type === 'DirectReportingPointDesignated' && fact.data.level === level) designated = true;
      else if (fact.type === 'DirectReportingPointWithdrawn' && fact.data.level === level) designated = false;
    }
    return designated;
  }
}
