import type { SchemeDefinition } from '../../events';
import type { FieldError } from './field-error';

/**
 * Cross-references inside one scheme body, checked once its shape is valid. They need nothing but
 * the body itself, so they belong at the edge: a tier in an unknown group, a rate for a level the
 * scheme does not have, or two publications answering to one name could never be scored sensibly
 * (SPEC 3: "a scheme with ... a malformed value is rejected, naming the field").
 */
export function schemeConsistencyErrors(scheme: SchemeDefinition, path: string): FieldError[] {
  const out: FieldError[] = [];
  const at = (field: string, reason: string) => out.push({ field: `${path}.${field}`, reason });
  const twice = <T>(items: readonly T[], key: (item: T) => string, field: (i: number) => string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(key(item))) at(field(i), `${key(item)} is defined twice`);
      seen.add(key(item));
    });
  };

  const groups = new Map(scheme.groups.map((group) => [group.key, group]));
  const assessedGroups = scheme.groups.filter((group) => group.assessed).map((group) => group.key);
  twice(scheme.groups, (group) => group.key, (i) => `groups[${i}].key`);

  twice(scheme.tiers, (tier) => tier.key, (i) => `tiers[${i}].key`);
  scheme.tiers.forEach((tier, i) => {
    if (!groups.has(tier.group)) at(`tiers[${i}].group`, `must be one of the scheme's groups (${[...groups.keys()].join(', ')})`);
    else if (!groups.get(tier.group)!.assessed) at(`tiers[${i}].group`, `${tier.group} is not assessed (no target, no quota), so it has no tiers`);
  });

  // Every name a publication answers to must resolve to one publication (《信息快报》 = 《信息专报》).
  const names = new Map<string, number>();
  scheme.publications.forEach((publication, i) => {
    if (!scheme.levels.includes(publication.level)) at(`publications[${i}].level`, `must be one of the scheme's levels (${scheme.levels.join(', ')})`);
    twice(publication.categories, (category) => category.key, (j) => `publications[${i}].categories[${j}].key`);
    [publication.key, publication.name, ...publication.aliases].forEach((name, k) => {
      const owner = names.get(name);
      const field = k === 0 ? 'key' : k === 1 ? 'name' : `aliases[${k - 2}]`;
      if (owner !== undefined && owner !== i) at(`publications[${i}].${field}`, `${name} already names publications[${owner}]`);
      names.set(name, i);
    });
  });

  // The office's own level scores by publication; each upper level it lists needs exactly one rate.
  const upperLevels = scheme.levels.slice(1);
  twice(scheme.upperLevels, (rate) => rate.level, (i) => `upperLevels[${i}].level`);
  scheme.upperLevels.forEach((rate, i) => {
    if (!upperLevels.includes(rate.level)) {
      at(`upperLevels[${i}].level`, rate.level === scheme.levels[0] ? `${rate.level} is the office's own level, scored by publication` : `must be one of the scheme's upper levels (${upperLevels.join(', ') || 'none'})`);
    }
  });
  const unrated = upperLevels.filter((level) => !scheme.upperLevels.some((rate) => rate.level === level));
  if (unrated.length > 0) at('upperLevels', `has no rate for ${unrated.join(', ')} (every upper level in levels needs one)`);

  twice(scheme.instructions, (rate) => rate.level, (i) => `instructions[${i}].level`);
  twice(scheme.overrides, (override) => override.kind, (i) => `overrides[${i}].kind`);

  // Awards go by rank, and only assessed groups are ranked.
  twice(scheme.awards, (awards) => awards.group, (i) => `awards[${i}].group`);
  scheme.awards.forEach((awards, i) => {
    if (!assessedGroups.includes(awards.group)) at(`awards[${i}].group`, `must be one of the scheme's ranked groups (${assessedGroups.join(', ')})`);
    twice(awards.bands, (band) => band.award, (j) => `awards[${i}].bands[${j}].award`);
  });
  return out;
}
