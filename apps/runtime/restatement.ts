import { annualTable, restatement, type RestatedUnit, type TableView } from '../../projections';
import { CircularRequestError } from '../../projections';
import type { CircularDesk } from '../circulars/circular-desk';
import type { ScoringProjection } from '../projections/scoring-projection';

export interface Restatement {
  readonly circularId: string;
  readonly published: TableView['asOf'];
  readonly now: TableView['asOf'];
  readonly units: RestatedUnit[];
}

/**
 * An issued annual circular's table "as published" beside "as the ledger says now", per unit and
 * cell, with the facts that made each difference (`ledger circular restatement`, the web page).
 */
export function restateCircular(desk: CircularDesk, views: ScoringProjection, id: string): Restatement {
  const circular = desk.find(id);
  if (circular.data.kind !== 'annual') throw new CircularRequestError(`restatement: circular ${id} is ${circular.data.kind}; restatements compare annual tables`);
  const published = desk.contentOf(circular).table as TableView;
  const now = annualTable(views.model, published.year, views.model.position, views.index);
  return { circularId: circular.data.circularId, published: published.asOf, now: now.asOf, units: restatement(views.model, published, now) };
}

/** The text form, one line per unit and one per fact. */
export function restatementToText(restated: Restatement): string {
  const lines = [`${restated.circularId}: as published (position ${restated.published.position}) beside now (position ${restated.now.position}); ${restated.units.length} units differ`];
  for (const unit of restated.units) {
    lines.push(`${unit.unit}: ${unit.cells.map((c) => `${c.cell} ${c.published ?? '—'} → ${c.now ?? '—'}`).join(', ')}`);
    for (const fact of unit.facts) lines.push(`  ${fact.position} ${fact.type} ${fact.validDate ?? ''} by ${fact.recordedBy} at ${fact.recordedAt}${fact.corrects ? ` (corrects ${fact.corrects})` : ''} ${fact.id}`);
  }
  return `${lines.join('\n')}\n`;
}
