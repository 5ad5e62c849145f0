import type { FactKind } from '../../events';
import { JINRONG_WITHDRAWN_ON, RECORDED, TIER, TIER_SWAP_REASON, YEAR_START, YUXI_2017_SCHEME_ID, YUXI_2017_UNITS, yuxi2017SchemeFacts } from '../../libs/fixtures/yuxi-2017';
import { LEDGER_STREAM } from '../../libs/ledger';
import { SqliteStore, type NewFact } from '../../libs/store';

/**
 * A province-scale ledger for benchmarks, deterministic from a seed (no Math.random): the 2017 Yuxi
 * scheme (v1, then v2 in February) applied to sixteen cities' worth of Yuxi's units, and a year of
 * facts recorded in order over 2017. Every fact is valid against what precedes it (the bench's
 * self-check runs a small ledger through the real Ledger to prove it); the generator is streamed,
 * so a million facts never sit in memory.
 */
export const CITIES = ['昆明', '曲靖', '玉溪', '保山', '昭通', '丽江', '普洱', '临沧', '楚雄', '红河', '文山', '西双版纳', '大理', '德宏', '怒江', '迪庆'];

/** sfc32 seeded through splitmix32: fast, 32-bit, reproducible on every platform. */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  const splitmix = () => {
    let z = (s = (s + 0x9e3779b9) | 0);
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let [a, b, c, d] = [splitmix(), splitmix(), splitmix(), splitmix()];
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    [a, b, c, d] = [b ^ (b >>> 9), (c + (c << 3)) | 0, (((c << 21) | (c >>> 11)) + t) | 0, (d + 1) | 0];
    return t >>> 0;
  };
  const next = () => u32() / 0x100000000;
  const int = (n: number) => Math.floor(next() * n);
  const hex = () => u32().toString(16).padStart(8, '0');
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => list[int(list.length)],
    /** A lower-case version-4 UUID from the stream. */
    uuid: (h = hex() + hex() + hex() + hex()) => `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20)}`,
  };
}

type Unit = { readonly unitId: string; readonly city: number; readonly group: string; readonly tier: string | null; readonly weight: number };
/** An item and how often it has been adopted: at most twice by city publications, once by each upper level. */
type Item = { readonly itemId: string; readonly unitId: string; readonly u: Unit; city: number; province: boolean; national: boolean };

/** Weight of a unit's activity by its tier: counties write most, 其他单位 least. */
const WEIGHT: Record<string, number> = { 'county-700': 8, 'county-500': 6, 'dept-400': 4, 'dept-300': 3, 'dept-200': 2, 'dept-100': 1.5, 'dept-50': 1, 'central-400': 3, 'central-300': 3, 'central-200': 2 };
const STAFF = ['信息科', '信息科·李敏', '信息科·王磊', '信息科·赵云芳'];
const TITLES = ['抚仙湖流域生态保护工作取得阶段性成效', '全力推进脱贫攻坚工作', '一季度工业经济运行平稳', '扎实开展安全生产大检查', '推进“放管服”改革', '高原特色农业发展势头良好'];
const LEADERS: Array<[level: string, leader: string, weight: number]> = [['city_office', '市政府办公室主任', 0.4], ['city', '市长', 0.35], ['provincial', '副省长', 0.2], ['national', '国务院副总理', 0.05]];
/** City publications and categories, with the mix they are adopted in (L's 动态类 only from scheme v2). */
const CITY_RATES: Array<[publication: string, category: string, weight: number]> = [['L', 'item', 0.1], ['L', 'dynamic', 0.08], ['Z', 'item', 0.12], ['O', 'research', 0.1], ['O', 'dynamic', 0.35], ['O', 'brief', 0.25]];
/** The reason each kind of correction gives; the bench counts corrections by it. */
export const CORRECTIONS = { void: '重复登记，作废', replace: '登记有误，更正', 'void of a void': '撤销误作废：恢复原记录', 'void of a replacement': '撤销更正：恢复更正前内容' } as const;
const [DAY_MS, YEAR_MS] = [86_400_000, Date.parse('2017-01-01T00:00:00.000Z')];
const DAYS = Array.from({ length: 400 }, (_, day) => new Date(YEAR_MS + day * DAY_MS).toISOString().slice(0, 10));

export function* provinceLedger(total: number, seed: number): Generator<NewFact> {
  const rng = seededRandom(seed);
  const weighted = <T extends { 2: number }>(list: readonly T[]): T => {
    let r = rng.next() * list.reduce((sum, x) => sum + x[2], 0);
    for (const x of list) if ((r -= x[2]) < 0) return x;
    return list[list.length - 1];
  };
  const fact = (type: FactKind, data: Record<string, unknown>, recordedAt: string, id = rng.uuid()): NewFact => ({ id, type, data, metadata: { schemaVersion: 1, recordedAt, recordedBy: rng.pick(STAFF) } });
  const schemeId = YUXI_2017_SCHEME_ID;
  const [published, amended] = yuxi2017SchemeFacts();
  const notice = RECORDED.notice;
  const units: Unit[] = [];
  const setup: NewFact[] = [fact(published.type, published.data, notice, published.id)];
  CITIES.forEach((city, c) => {
    for (const u of YUXI_2017_UNITS) {
      const unitId = `c${String(c + 1).padStart(2, '0')}-${u.unitId}`;
      const named = (name: string) => (name.startsWith('市') ? `${city}${name}` : `${city}市${name}`);
      setup.push(fact('UnitRegistered', { unitId, name: named(u.name), aliases: u.aliases.map(named), validDate: YEAR_START }, notice));
      units.push({ unitId, city: c, group: u.group, tier: u.noticeTier, weight: u.noticeTier === null ? 0.5 : WEIGHT[u.noticeTier] });
    }
  });
  for (const { unitId, group, tier } of units) setup.push(fact('UnitEnrolled', { schemeId, unitId, group, tier, validDate: YEAR_START }, notice));
  const cityUnit = (c: number, id: string) => `c${String(c + 1).padStart(2, '0')}-${id}`;
  const directPoint = (c: number, id: string, type: FactKind, reason: string) => ({ type, data: { schemeId, unitId: cityUnit(c, id), level: 'province', validDate: YEAR_START, reason } });
  CITIES.forEach((_, c) => ['hongta', 'chengjiang', 'xinping', 'yuanjiang'].forEach((id) => setup.push(fact('DirectReportingPointDesignated', directPoint(c, id, 'DirectReportingPointDesignated', '省政府办公厅信息直报点').data, notice))));
  // Dated events recorded during the year: scheme v2, 市金融办 leaves, the retroactive 红塔区/易门县 swap.
  const scheduled: Array<{ at: string; type: FactKind; data: Record<string, unknown>; id?: string }> = [{ at: amended.metadata.recordedAt!, type: amended.type, data: amended.data, id: amended.id }];
  CITIES.forEach((_, c) => scheduled.push({ at: RECORDED.jinrongWithdrawn, type: 'UnitWithdrawn', data: { schemeId, unitId: cityUnit(c, 'jrb'), validDate: JINRONG_WITHDRAWN_ON, reason: '年中退出考核' } }));
  const swap = (c: number, id: string, tier: string) => ({ at: RECORDED.tierSwap, type: 'UnitTierChanged' as const, data: { schemeId, unitId: cityUnit(c, id), tier, validDate: YEAR_START, reason: TIER_SWAP_REASON } });
  CITIES.forEach((_, c) =>
    scheduled.push(swap(c, 'hongta', TIER.county500), swap(c, 'yimen', TIER.county700), { at: RECORDED.tierSwap, ...directPoint(c, 'hongta', 'DirectReportingPointWithdrawn', TIER_SWAP_REASON) }, { at: RECORDED.tierSwap, ...directPoint(c, 'yimen', 'DirectReportingPointDesignated', TIER_SWAP_REASON) }),
  );
  const body = total - setup.length - scheduled.length;
  if (body < 1000) throw new RangeError(`a province ledger needs at least ${setup.length + scheduled.length + 1000} facts, got ${total}`);
  yield* setup;

  // Each unit appears in the lottery in proportion to its weight.
  const lottery = units.flatMap((u) => Array<Unit>(u.weight * 2).fill(u));
  const pickUnit = () => rng.pick(lottery);
  const sameCity = (u: Unit) => units[u.city * YUXI_2017_UNITS.length + rng.int(YUXI_2017_UNITS.length)];
  /** Bounded rings of recent things facts refer to; `get(true)` takes the entry out (null: an empty slot). */
  const ring = <T>(size: number, slots: Array<T | null> = [], at = { next: 0 }) => ({
    push: (x: T) => void ((slots[at.next] = x), (at.next = (at.next + 1) % size)),
    get: (take = false): T | null => {
      const i = rng.int(slots.length);
      const x = slots[i] ?? null;
      if (take) slots[i] = null;
      return x;
    },
  });
  const items = ring<Item>(4096);
  const upperItems = ring<Item>(1024);
  const instructed = ring<Record<string, unknown>>(512);
  const commissions = ring<{ commissionId: string; unitId: string; u: Unit }>(256);
  const targets = ring<{ id: string; type: FactKind; data: Record<string, unknown> }>(20_000);
  const voids = ring<string>(512);
  const replacements = ring<string>(512);
  let v2 = false;
  let sequence = 0;
  const start = Date.parse('2017-01-05T02:00:00.000Z');
  const span = Date.parse('2017-12-31T10:00:00.000Z') - start;

  for (let i = 0; i < body; i++) {
    const ms = start + Math.floor((span * (i + 0.5)) / body);
    const at = new Date(ms).toISOString();
    while (scheduled.length > 0 && scheduled[0].at <= at) {
      const s = scheduled.shift()!;
      if (s.type === 'SchemeAmended') v2 = true;
      yield fact(s.type, s.data, s.at, s.id);
    }
    const today = Math.floor((ms - YEAR_MS) / DAY_MS);
    // Most facts are recorded within days of their valid date, a few months late (they count in their own period).
    const lag = rng.next() < 0.7 ? rng.int(4) : rng.next() < 0.83 ? 4 + rng.int(17) : 21 + rng.int(70);
    yield draw(at, today, DAYS[Math.max(0, today - lag)]);
  }
  for (const s of scheduled) yield fact(s.type, s.data, s.at, s.id);

  /** One fact of the year's mix; a kind whose prerequisite is missing (no open commission) falls back to a city adoption. */
  function draw(at: string, today: number, validDate: string): NewFact {
    const r = rng.next();
    if (r < 0.01) {
      const corrected = correction(validDate, at);
      if (corrected) return corrected;
    }
    const u = pickUnit();
    const scored = (type: FactKind, data: Record<string, unknown>) => {
      const f = fact(type, data, at);
      targets.push({ id: f.id, type, data });
      return f;
    };
    const newItem = (unit = u): Item => ({ itemId: `2017-${unit.unitId}-${++sequence}`, unitId: unit.unitId, u: unit, city: 0, province: false, national: false });
    const reuse = (item: Item | null, open: (item: Item) => boolean) => (item !== null && open(item) ? item : null);
    const adoption = (item: { itemId: string; unitId: string }, level: string, rest: Record<string, unknown> = {}) =>
      scored('InformationAdopted', { itemId: item.itemId, unitId: item.unitId, level, publication: null, category: null, commissionId: null, contributors: [], validDate, ...rest });
    if (r < 0.18) {
      const item = newItem();
      items.push(item);
      return scored('InformationSubmitted', { itemId: item.itemId, unitId: u.unitId, title: rng.pick(TITLES), validDate });
    }
    if (r < 0.28) {
      const item = (rng.next() < 0.7 ? reuse(items.get(), (i) => !i.province) : null) ?? newItem(); // mostly items the city received
      item.province = true;
      upperItems.push(item);
      return adoption(item, 'province');
    }
    if (r < 0.292) {
      const item = reuse(upperItems.get(), (i) => !i.national) ?? newItem();
      item.national = true;
      return adoption(item, 'national');
    }
    if (r < 0.352) {
      const again = rng.next() < 0.15 ? instructed.get() : null; // a second instruction on the same (item, level)
      const item = items.get() ?? newItem();
      const [level, leader] = weighted(LEADERS);
      const data = again ? { ...again, validDate } : { itemId: item.itemId, unitId: item.unitId, level, leader, validDate };
      if (!again) instructed.push(data);
      return scored('LeaderInstructionRecorded', data);
    }
    if (r < 0.377) {
      const commissionId = `yg-${u.unitId}-${++sequence}`;
      commissions.push({ commissionId, unitId: u.unitId, u });
      const data = { commissionId, unitId: u.unitId, level: 'city', subject: `约稿：${rng.pick(TITLES)}`, agreedPoints: rng.pick([10, 15, 20, 30]), dueDate: DAYS[today + 14], validDate: DAYS[today] };
      return fact('CommissionRequested', data, at);
    }
    const missed = r < 0.383 ? commissions.get(true) : null;
    if (missed) return scored('CommissionMissed', { commissionId: missed.commissionId, unitId: missed.unitId, validDate: DAYS[today], reason: '未按约稿内容和时限报送' });
    if (r >= 0.383 && r < 0.389) return scored('ReportingFailureRecorded', { unitId: u.unitId, failure: rng.pick(['late', 'missing', 'concealed']), description: '重大突发事件信息迟报', validDate });
    if (r >= 0.389 && r < 0.391) return scored('FalseInformationRecorded', { unitId: u.unitId, itemId: items.get()?.itemId ?? null, points: -30 - rng.int(21), description: '信息失实并造成严重后果', validDate });
    // City adoptions: a realistic mix of publications and categories, some commissioned, some combined.
    const commission = rng.next() < 0.03 ? commissions.get(true) : null;
    if (commission) return adoption(newItem(commission.u), 'city', { publication: rng.pick(['L', 'Z']), commissionId: commission.commissionId, validDate: DAYS[today] });
    // Mostly a submitted item; now and then one another city publication already ran.
    const reused = reuse(items.get(), (i) => i.city === 0 || (i.city === 1 && rng.next() < 0.15));
    const item = reused ?? newItem();
    item.city++;
    if (!reused) items.push(item);
    const [publication, rate] = weighted(CITY_RATES);
    const category = !v2 && publication === 'L' && rate === 'dynamic' ? 'item' : rate; // L's 动态类 exists from v2 on
    const contributors: string[] = [];
    if (rng.next() < 0.04) {
      for (let k = 1 + rng.int(3); k > 0; k--) {
        const other = sameCity(item.u).unitId;
        if (other !== item.unitId && !contributors.includes(other)) contributors.push(other);
      }
    }
    return adoption(item, 'city', { publication: publication === 'Z' && rng.next() < 0.05 ? '《信息快报》' : publication, category, contributors });
  }

  /** About 1% of facts: voids and replacements of recent scored facts, voids of voids and of replacements. */
  function correction(validDate: string, at: string): NewFact | null {
    const r = rng.next();
    const correct = (id: string, replacement: Record<string, unknown> | null, reason: keyof typeof CORRECTIONS) =>
      fact('FactCorrected', { correctedFactId: id, correction: replacement === null ? 'void' : 'replace', replacement, reason: CORRECTIONS[reason], validDate }, at);
    const undo = r < 0.02 ? voids.get(true) : r < 0.04 ? replacements.get(true) : null; // each void or replacement is undone at most once
    if (r < 0.04) return undo === null ? null : correct(undo, null, r < 0.02 ? 'void of a void' : 'void of a replacement');
    const target = targets.get(true); // never corrected before: live, and not a correction
    if (target === null) return null;
    if (r < 0.6) {
      const f = correct(target.id, null, 'void');
      voids.push(f.id);
      return f;
    }
    const data: Record<string, unknown> = { ...target.data, validDate: DAYS[Math.max(0, DAYS.indexOf(target.data.validDate as string) - rng.int(3))] };
    if (target.type === 'FalseInformationRecorded') data.points = -30 - rng.int(21);
    if (target.type === 'InformationAdopted' && data.level === 'city' && data.commissionId === null) data.category = (data.publication === 'O' ? rng.pick(['research', 'dynamic', 'brief']) : 'item');
    const f = correct(target.id, data, 'replace');
    replacements.push(f.id);
    return f;
  }
}

/** Writes the ledger straight through the store port in batches; returns the facts by kind (corrections by what they do). */
export async function writeProvinceLedger(path: string, total: number, seed: number, batchSize = 10_000): Promise<Record<string, number>> {
  const store = new SqliteStore(path);
  const kinds: Record<string, number> = {};
  const what = Object.fromEntries(Object.entries(CORRECTIONS).map(([kind, reason]) => [reason, `FactCorrected (${kind})`]));
  try {
    const batch: NewFact[] = [];
    for (const f of provinceLedger(total, seed)) {
      const kind = f.type === 'FactCorrected' ? what[f.data.reason as string] : f.type;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (batch.push(f) === batchSize) await store.appendToStream(LEDGER_STREAM, batch.splice(0));
    }
    if (batch.length > 0) await store.appendToStream(LEDGER_STREAM, batch);
  } finally {
    await store.close();
  }
  return kinds;
}
