import { FactForbiddenError, FactRejectedError, Ledger, type Clock } from '../../libs/ledger';
import { MemoryStore } from '../../libs/store';
import { LATER_CHECKS_FROM } from '../../libs/validation';
import type { LedgerFact } from '../../events';
import { adoption, factOf, smallLedger, yuxiLikeScheme } from '../support/builders';

const at = (iso: string): Clock => ({ now: () => new Date(iso) });
const staff = { actor: 'staff:张三' };

async function given(facts: LedgerFact[], clock = at('2017-03-05T08:00:00.000Z')) {
  const store = new MemoryStore();
  const ledger = new Ledger(store, clock);
  await ledger.append(facts.map((fact) => ({ fact })), staff);
  return { store, ledger };
}

async function all(ledger: Ledger) {
  const out = [];
  for await (const fact of ledger.read()) out.push(fact);
  return out;
}

describe('ledger appends', () => {
  it('records who appended a fact and when, from the context and the clock, with its position', async () => {
    const { ledger } = await given(smallLedger());
    const [first, , , , last] = await all(ledger);
    expect(first.metadata).toEqual({ schemaVersion: 1, recordedAt: '2017-03-05T08:00:00.000Z', recordedBy: 'staff:张三', position: 1 });
    expect(last.metadata.position).toBe(5);
    expect(await ledger.head()).toBe(5);
  });

  it('scores a year under one scheme: a second scheme for the year, or a version moving a scheme to another year, is rejected naming the field', async () => {
    const { ledger } = await given(smallLedger());
    const other = factOf('SchemePublished', { schemeId: 'yuxi-2017-bis', version: 1, validDate: '2017-01-01', scheme: yuxiLikeScheme() });
    await expect(ledger.append([{ fact: other, line: 1 }], staff)).rejects.toThrow('line 1: data.scheme.year: scheme yuxi-2017 already scores 2017; amend it instead');
    const moved = factOf('SchemeAmended', { schemeId: 'yuxi-2017', version: 2, validDate: '2018-01-01', reason: '改年度', scheme: { ...yuxiLikeScheme(), year: 2018 } });
    await expect(ledger.append([{ fact: moved, line: 2 }], staff)).rejects.toThrow('line 2: data.scheme.year: scheme yuxi-2017 scores 2017; a version of it cannot move it to 2018');
    const nextYear = factOf('SchemePublished', { schemeId: 'yuxi-2018', version: 1, validDate: '2018-01-01', scheme: { ...yuxiLikeScheme(), year: 2018 } });
    expect(await ledger.append([{ fact: nextYear }], staff)).toMatchObject({ appended: 1 });
  });

  it('keeps a restored time exactly as spelled (its chain hash covers that text) and orders restored times by their instants', async () => {
    const { ledger } = await given(smallLedger());
    // the first two are one instant: as text '…00Z' sorts after '…00.000Z', which would read as going backwards
    const spelled = ['2017-03-05T08:00:00Z', '2017-03-05T08:00:00.000Z', '2017-03-05T08:00:01Z'];
    const restored = (recordedAt: string) => ({ ...adoption('xinping'), metadata: { schemaVersion: 1, recordedAt, recordedBy: 'staff:李' } });
    await ledger.append(spelled.map((recordedAt) => ({ fact: restored(recordedAt) })), { ...staff, keepRecordedMetadata: true });
    expect((await all(ledger)).slice(-3).map((f) => f.metadata.recordedAt)).toEqual(spelled);
    await expect(ledger.append([{ fact: restored('2017-03-05T08:00:00.5Z'), line: 4 }], { ...staff, keepRecordedMetadata: true })).rejects.toThrow(/^line 4: metadata.recordedAt: 2017-03-05T08:00:00.5Z is earlier than the last recorded fact/);
  });

  it('accepts an adoption naming its unit by an alias registered earlier', async () => {
    const { ledger } = await given(smallLedger());
    const outcome = await ledger.append([{ fact: adoption('市环保局') }], staff);
    expect(outcome).toEqual({ appended: 1, skipped: 0, head: 6 });
  });

  it('rejects a fact naming a unit nobody registered, naming the field and line, and appends nothing of the batch', async () => {
    const { ledger } = await given(smallLedger());
    const good = adoption('xinping');
    const bad = adoption('市金融办');
    const attempt = ledger.append([{ fact: good, line: 1 }, { fact: bad, line: 2 }], staff);
    await expect(attempt).rejects.toThrow('line 2: data.unitId: no registered unit is named 市金融办');
    expect(await ledger.head()).toBe(5);
  });

  it('names every rejected fact of an input, the first in its message, and appends none of it', async () => {
    const { ledger } = await given(smallLedger());
    const attempt = ledger.append(
      [
        { fact: adoption('市金融办'), line: 1 },
        { fact: adoption('xinping'), line: 2 },
        { fact: adoption('xinping', { category: 'dynamic' }), line: 3 },
      ],
      staff,
    );
    const error = await attempt.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(FactRejectedError);
    expect((error as FactRejectedError).message).toBe('line 1: data.unitId: no registered unit is named 市金融办');
    expect((error as FactRejectedError).all().map((e) => [e.line, e.field])).toEqual([[1, 'data.unitId'], [3, 'data.category']]);
    expect(await ledger.head()).toBe(5);
  });

  it('checks each fact against the earlier facts of the same batch', async () => {
    const { ledger } = await given(smallLedger());
    const registered = factOf('UnitRegistered', { unitId: 'yimen', name: '易门县', aliases: [], validDate: '2017-01-01' });
    await ledger.append([{ fact: registered }, { fact: adoption('易门县') }], staff);
    expect(await ledger.head()).toBe(7);
  });

  it('rejects a city adoption in a category the scheme in force has no rate for', async () => {
    const { ledger } = await given(smallLedger());
    await expect(ledger.append([{ fact: adoption('xinping', { category: 'dynamic' }) }], staff)).rejects.toMatchObject({
      field: 'data.category',
    });
  });

  it('rejects a commission from a level the scheme in force does not score, or dated where no scheme is in force', async () => {
    const { ledger } = await given(smallLedger());
    const commission = (level: string, validDate = '2017-03-01') => factOf('CommissionRequested', { commissionId: `YC-${level}-${validDate}`, unitId: 'xinping', level, subject: '约稿', agreedPoints: 20, dueDate: validDate, validDate });
    await expect(ledger.append([{ fact: commission('galaxy') }], staff)).rejects.toMatchObject({ field: 'data.level', reason: expect.stringContaining('must be a level the scheme in force on 2017-03-01 scores: city') });
    await expect(ledger.append([{ fact: commission('city', '2016-12-01') }], staff)).rejects.toMatchObject({ field: 'data.validDate' });
    await ledger.append([{ fact: commission('province') }], staff);
    expect(await ledger.head()).toBe(6);
  });

  it('takes an answer to a commission, or its miss, only from the unit it was asked of, on or after the day, while the request stands', async () => {
    const { ledger } = await given(smallLedger());
    const request = factOf('CommissionRequested', { commissionId: 'YC-1', unitId: 'hbj', level: 'city', subject: '约稿', agreedPoints: 15, dueDate: '2017-03-31', validDate: '2017-03-10' });
    await ledger.append([{ fact: request }], staff);
    const missed = (unitId: string, validDate: string) => factOf('CommissionMissed', { commissionId: 'YC-1', unitId, validDate, reason: '未报送' });
    const answered = (unitId: string, validDate: string) => adoption(unitId, { commissionId: 'YC-1', category: null, validDate });
    await expect(ledger.append([{ fact: missed('xinping', '2017-03-20') }], staff)).rejects.toThrow('data.unitId: commission YC-1 was requested of 市环境保护局, not of xinping');
    await expect(ledger.append([{ fact: answered('新平县', '2017-03-20') }], staff)).rejects.toThrow('data.unitId: commission YC-1 was requested of 市环境保护局, not of 新平县');
    await expect(ledger.append([{ fact: missed('hbj', '2017-03-09') }], staff)).rejects.toThrow('data.validDate: 2017-03-09 is before commission YC-1 was requested (2017-03-10)');
    await expect(ledger.append([{ fact: answered('hbj', '2017-03-01') }], staff)).rejects.toMatchObject({ field: 'data.validDate' });
    const answer = answered('市环保局', '2017-03-12');
    await ledger.append([{ fact: answer }, { fact: missed('hbj', '2017-04-01') }], staff); // by any of its names
    // a replacement moving the request to another unit moves what may answer it from then on; a void ends it
    const moved = factOf('FactCorrected', { correctedFactId: request.id, correction: 'replace', replacement: { ...request.data, unitId: 'xinping' }, reason: '约稿单位录错', validDate: '2017-04-02' });
    await ledger.append([{ fact: moved }], staff);
    await expect(ledger.append([{ fact: missed('hbj', '2017-04-03') }], staff)).rejects.toMatchObject({ field: 'data.unitId' });
    await ledger.append([{ fact: missed('xinping', '2017-04-03') }], staff);
    // (the answer, which names no category, scores only by the commission: it goes first)
    const voidOf = (id: string) => factOf('FactCorrected', { correctedFactId: id, correction: 'void', replacement: null, reason: '撤销约稿', validDate: '2017-04-04' });
    await ledger.append([{ fact: voidOf(answer.id) }, { fact: voidOf(request.id) }], staff);
    await expect(ledger.append([{ fact: missed('xinping', '2017-04-05') }], staff)).rejects.toThrow('data.commissionId: commission YC-1 was voided');
  });

  it('a replacement of a commission keeps its id; a restored fact (an export, with its recorded time) is taken as it was decided then', async () => {
    const { ledger } = await given(smallLedger());
    const request = factOf('CommissionRequested', { commissionId: 'YC-2', unitId: 'hbj', level: 'city', subject: '约稿', agreedPoints: 15, dueDate: '2017-03-31', validDate: '2017-03-10' });
    await ledger.append([{ fact: request }], staff);
    const renamed = factOf('FactCorrected', { correctedFactId: request.id, correction: 'replace', replacement: { ...request.data, commissionId: 'YC-3' }, reason: '编号录错', validDate: '2017-03-11' });
    await expect(ledger.append([{ fact: renamed }], staff)).rejects.toThrow("data.replacement.commissionId: a replacement keeps the commission's id (YC-2); to give it another, void it and request anew");
    // An answer by another unit, before the request, as an older version recorded it: refused new, restored as it stands.
    const old = { ...factOf('CommissionMissed', { commissionId: 'YC-2', unitId: 'xinping', validDate: '2017-03-01', reason: '未报送' }), metadata: { schemaVersion: 1, recordedAt: '2017-03-05T08:00:00.000Z', recordedBy: 'staff:旧版' } } as LedgerFact;
    await expect(ledger.append([{ fact: old }], staff)).rejects.toMatchObject({ field: 'data.unitId' });
    await expect(ledger.append([{ fact: old }], { ...staff, keepRecordedMetadata: true })).resolves.toMatchObject({ appended: 1 });
  });

  it('a fact carrying a recorded time from after the later checks began is decided under them, restored or not (an input cannot opt out by stamping the time)', async () => {
    let now = '2017-03-05T08:00:00.000Z';
    const { ledger } = await given(smallLedger(), { now: () => new Date(now) });
    await ledger.append([{ fact: factOf('CommissionRequested', { commissionId: 'YC-4', unitId: 'hbj', level: 'city', subject: '约稿', agreedPoints: 15, dueDate: '2017-03-31', validDate: '2017-03-10' }) }], staff);
    now = '2027-01-02T00:00:00.000Z';
    const stamped = (recordedAt: string) => ({ ...factOf('CommissionMissed', { commissionId: 'YC-4', unitId: 'xinping', validDate: '2017-03-01', reason: '未报送' }), metadata: { schemaVersion: 1, recordedAt, recordedBy: 'staff:某工具' } }) as LedgerFact;
    for (const recordedAt of ['2027-01-01T00:00:00.000Z', LATER_CHECKS_FROM, '2026-12-05T08:00:00+08:00']) {
      await expect(ledger.append([{ fact: stamped(recordedAt), line: 3 }], { ...staff, keepRecordedMetadata: true })).rejects.toThrow(/^line 3: data\.unitId: commission YC-4 was requested of /);
    }
    expect(await ledger.head()).toBe(6);
    // The instant before they began (written in another offset): decided as it was then.
    await expect(ledger.append([{ fact: stamped('2026-12-05T07:59:59.999+08:00') }], { ...staff, keepRecordedMetadata: true })).resolves.toMatchObject({ appended: 1 });
  });

  it('refuses an amendment that would leave a recorded fact of its dates without what it needs (a rate, a level, a range), naming the fact; voided, the fact no longer holds it back', async () => {
    const brief = adoption('xinping', { publication: 'O', category: 'brief', validDate: '2017-05-02' });
    const falseInfo = factOf('FalseInformationRecorded', { unitId: 'hbj', itemId: null, points: -50, description: '失实', validDate: '2017-06-01' });
    const earlier = adoption('xinping', { publication: 'O', category: 'brief', validDate: '2017-03-02' }); // before the amendment's date: scored under v1
    const { ledger } = await given([...smallLedger(), earlier, brief, falseInfo]);
    const base = yuxiLikeScheme();
    const amend = (scheme: typeof base) => factOf('SchemeAmended', { schemeId: 'yuxi-2017', version: 2, validDate: '2017-04-01', reason: '调整', scheme });
    const noBrief = { ...base, publications: base.publications.map((p) => (p.key === 'O' ? { ...p, categories: p.categories.filter((c) => c.key !== 'brief') } : p)) };
    await expect(ledger.append([{ fact: amend(noBrief), line: 5 }], { actor: 'admin:王' })).rejects.toThrow(
      `line 5: data.scheme: v2 from 2017-04-01 would not score the InformationAdopted recorded at position 7 (${brief.id}, dated 2017-05-02): its data.category: 《玉溪政务信息》 has no rate for brief in force on 2017-05-02 (v2); rates: research, dynamic; void or replace that fact first, or keep what it needs`,
    );
    const narrower = { ...base, deductions: { ...base.deductions, falseInformation: { mode: 'range' as const, minPoints: -40, maxPoints: -30 } } };
    await expect(ledger.append([{ fact: amend(narrower) }], { actor: 'admin:王' })).rejects.toThrow(/position 8 .*its data\.points: must be between -40 and -30/);
    const noNational = { ...base, levels: ['city', 'province'], upperLevels: base.upperLevels.filter((r) => r.level !== 'national') };
    await ledger.append([{ fact: adoption('hbj', { level: 'national', publication: null, category: null, validDate: '2017-08-01' }) }], staff);
    await expect(ledger.append([{ fact: amend(noNational) }], { actor: 'admin:王' })).rejects.toThrow(/position 9 .*its data\.level: scheme yuxi-2017 v2 in force on 2017-08-01 scores adoptions at city, province/);
    expect(await ledger.head()).toBe(9);
    const voidOfBrief = factOf('FactCorrected', { correctedFactId: brief.id, correction: 'void', replacement: null, reason: '录错', validDate: '2017-05-03' });
    await ledger.append([{ fact: voidOfBrief }], staff);
    // a fact replaced into the amendment's dates is held to it by its content in force
    const moved = factOf('FactCorrected', { correctedFactId: earlier.id, correction: 'replace', replacement: { ...earlier.data, validDate: '2017-05-10' }, reason: '日期录错', validDate: '2017-05-10' });
    await ledger.append([{ fact: moved }], staff);
    await expect(ledger.append([{ fact: amend(noBrief) }], { actor: 'admin:王' })).rejects.toThrow(`would not score the InformationAdopted recorded at position 6 (${earlier.id}, dated 2017-05-10)`);
    const unmove = factOf('FactCorrected', { correctedFactId: moved.id, correction: 'void', replacement: null, reason: '撤销更正', validDate: '2017-05-11' });
    await ledger.append([{ fact: unmove }], staff);
    await expect(ledger.append([{ fact: amend(noBrief) }], { actor: 'admin:王' })).resolves.toMatchObject({ appended: 1 });
    // Voiding a correction brings content back into force, held to the scheme in force on its date now.
    const voidOfVoid = factOf('FactCorrected', { correctedFactId: voidOfBrief.id, correction: 'void', replacement: null, reason: '误作废', validDate: '2017-05-12' });
    await expect(ledger.append([{ fact: voidOfVoid, line: 2 }], staff)).rejects.toThrow(
      `line 2: data.correctedFactId: voiding it brings back the InformationAdopted ${brief.id} as dated 2017-05-02, which the scheme in force there no longer takes: data.category: 《玉溪政务信息》 has no rate for brief in force on 2017-05-02 (v2); rates: research, dynamic`,
    );
    const remove = factOf('FactCorrected', { correctedFactId: unmove.id, correction: 'void', replacement: null, reason: '恢复更正', validDate: '2017-05-12' });
    await expect(ledger.append([{ fact: remove }], staff)).rejects.toThrow(`voiding it brings back the InformationAdopted ${earlier.id} as dated 2017-05-10`);
    expect(await ledger.head()).toBe(13);
  });

  it('refuses an amendment without a group or tier where a unit stands from its date on, naming the unit; a place that ended before its date does not hold it back', async () => {
    const { ledger } = await given(smallLedger()); // 新平县 county/county-700, 市环境保护局 city_department/dept-400
    const base = yuxiLikeScheme();
    const amend = (scheme: typeof base, version = 2) => factOf('SchemeAmended', { schemeId: 'yuxi-2017', version, validDate: '2017-07-01', reason: '调整档次', scheme });
    const without = (tier: string) => ({ ...base, tiers: base.tiers.filter((t) => t.key !== tier) });
    await expect(ledger.append([{ fact: amend(without('county-700')), line: 3 }], { actor: 'admin:王' })).rejects.toThrow(
      'line 3: data.scheme: v2 from 2017-07-01 has no tier county-700, where 新平县 stands (by the UnitEnrolled recorded at position 4, dated 2017-01-01); keep it in this version, and move the unit first',
    );
    const noDepartments = { ...base, groups: base.groups.filter((g) => g.key !== 'city_department') };
    await expect(ledger.append([{ fact: amend(noDepartments) }], { actor: 'admin:王' })).rejects.toThrow('has no group city_department, where 市环境保护局 stands');
    expect(await ledger.head()).toBe(5);
    // Moved to county-500 on 06-30, before the amendment's date: county-700 can go.
    await ledger.append([{ fact: factOf('UnitTierChanged', { schemeId: 'yuxi-2017', unitId: 'xinping', tier: 'county-500', validDate: '2017-06-30', reason: '调整' }) }], staff);
    await expect(ledger.append([{ fact: amend(without('county-700')) }], { actor: 'admin:王' })).resolves.toMatchObject({ appended: 1 });
    // A move back after the amendment's date would land in a tier the version in force then does not have.
    await expect(ledger.append([{ fact: factOf('UnitTierChanged', { schemeId: 'yuxi-2017', unitId: 'xinping', tier: 'county-700', validDate: '2017-08-01', reason: '调整' }) }], staff)).rejects.toMatchObject({ field: 'data.tier' });
  });

  it('holds an amendment to the tier a unit stands in by its key alone (a tier change may name another group\'s tier), and to placements dated before the scheme\'s year', async () => {
    const base = yuxiLikeScheme();
    const amend = (scheme: typeof base) => factOf('SchemeAmended', { schemeId: 'yuxi-2017', version: 2, validDate: '2017-07-01', reason: '调整', scheme });
    const crossed = await given([...smallLedger(), factOf('UnitTierChanged', { schemeId: 'yuxi-2017', unitId: 'xinping', tier: 'dept-400', validDate: '2017-02-01', reason: '调整' })]);
    await expect(crossed.ledger.append([{ fact: amend(base) }], { actor: 'admin:王' })).resolves.toMatchObject({ appended: 1 }); // nothing it stands in is gone
    const early = await given([
      factOf('SchemePublished', { schemeId: 'yuxi-2017', version: 1, validDate: '2016-12-20', scheme: base }),
      factOf('UnitRegistered', { unitId: 'xinping', name: '新平县', aliases: [], validDate: '2016-12-20' }),
      factOf('UnitEnrolled', { schemeId: 'yuxi-2017', unitId: 'xinping', group: 'county', tier: 'county-700', validDate: '2016-12-25' }),
    ]);
    await expect(early.ledger.append([{ fact: amend({ ...base, tiers: base.tiers.filter((t) => t.key !== 'county-700') }) }], { actor: 'admin:王' })).rejects.toThrow(
      'has no tier county-700, where 新平县 stands (by the UnitEnrolled recorded at position 3, dated 2016-12-25)',
    );
  });

  it('refuses a void that leaves a commission void while an adoption scores only by it (no category), naming the adoption; with a category, or once the adoption is replaced, the void is taken', async () => {
    const request = factOf('CommissionRequested', { commissionId: 'YC-9', unitId: 'xinping', level: 'city', subject: '约稿', agreedPoints: 15, dueDate: '2017-03-31', validDate: '2017-03-10' });
    const answer = adoption('xinping', { publication: 'L', category: null, commissionId: 'YC-9', validDate: '2017-03-20' });
    const { ledger } = await given([...smallLedger(), request, answer]);
    const voidOf = (id: string, validDate = '2017-03-25') => factOf('FactCorrected', { correctedFactId: id, correction: 'void', replacement: null, reason: '撤销约稿', validDate });
    const voidRequest = voidOf(request.id);
    await expect(ledger.append([{ fact: voidRequest, line: 4 }], staff)).rejects.toThrow(
      `line 4: data.correctedFactId: it voids commission YC-9, by which the InformationAdopted recorded at position 7 (${answer.id}, dated 2017-03-20) scores: it names no category, so it would score 0; void or replace that adoption first`,
    );
    expect(await ledger.head()).toBe(7);
    // The adoption given a category scores by its rate without the commission: the void is taken.
    const withCategory = factOf('FactCorrected', { correctedFactId: answer.id, correction: 'replace', replacement: { ...answer.data, category: 'item' }, reason: '补录类别', validDate: '2017-03-24' });
    await ledger.append([{ fact: withCategory }, { fact: voidRequest }], staff);
    expect(await ledger.head()).toBe(9);
    // Voiding that replacement would bring back the content without a category while the commission is void.
    await expect(ledger.append([{ fact: voidOf(withCategory.id), line: 2 }], staff)).rejects.toThrow(
      `line 2: data.correctedFactId: voiding it brings back the InformationAdopted ${answer.id} as dated 2017-03-20 without a category, scored only by commission YC-9, which is void: it would score 0`,
    );
    // The commission revived (a void of its void), the replacement may go, and then the commission cannot be voided again.
    const revive = voidOf(voidRequest.id, '2017-03-26');
    const unreplace = voidOf(withCategory.id, '2017-03-27');
    await ledger.append([{ fact: revive }, { fact: unreplace }], staff);
    await expect(ledger.append([{ fact: voidOf(revive.id, '2017-03-28') }], staff)).rejects.toThrow(`it voids commission YC-9, by which the InformationAdopted recorded at position 7`);
    expect(await ledger.head()).toBe(11);
  });

  it('an export of then, holding a void of a void that revives a fact an amendment since no longer scores, still imports (decided when first recorded)', async () => {
    const base = yuxiLikeScheme();
    const noBrief = { ...base, publications: base.publications.map((p) => (p.key === 'O' ? { ...p, categories: p.categories.filter((c) => c.key !== 'brief') } : p)) };
    const then = (fact: LedgerFact, recordedAt: string) => ({ ...fact, metadata: { schemaVersion: 1, recordedAt, recordedBy: 'staff:旧版' } }) as LedgerFact;
    const brief = adoption('xinping', { publication: 'O', category: 'brief', validDate: '2017-05-02' });
    const voided = factOf('FactCorrected', { correctedFactId: brief.id, correction: 'void', replacement: null, reason: '录错', validDate: '2017-05-03' });
    let now = '2017-01-02T00:00:00.000Z';
    const { ledger } = await given(smallLedger(), { now: () => new Date(now) });
    now = '2018-01-10T00:00:00.000Z';
    const restored = [
      then(brief, '2017-05-02T01:00:00.000Z'),
      then(voided, '2017-05-03T01:00:00.000Z'),
      then(factOf('SchemeAmended', { schemeId: 'yuxi-2017', version: 2, validDate: '2017-04-01', reason: '调整', scheme: noBrief }), '2017-06-01T01:00:00.000Z'),
      then(factOf('FactCorrected', { correctedFactId: voided.id, correction: 'void', replacement: null, reason: '误作废', validDate: '2017-06-02' }), '2017-06-02T01:00:00.000Z'),
    ];
    await expect(ledger.append(restored.map((fact) => ({ fact })), { ...staff, keepRecordedMetadata: true })).resolves.toMatchObject({ appended: 4 });
  });

  it('a deduction the scheme ranges carries the amount the office sets, within the range; one it fixes carries none', async () => {
    const base = yuxiLikeScheme();
    const ranged = yuxiLikeScheme({ deductions: { ...base.deductions, commissionMissed: { mode: 'range', minPoints: -20, maxPoints: -10 }, reportingFailure: { mode: 'range', minPoints: -40, maxPoints: -20 } } });
    const [published, ...rest] = smallLedger();
    const { ledger } = await given([{ ...published, data: { ...published.data, scheme: ranged } } as LedgerFact, ...rest]);
    const failure = (points?: number) => factOf('ReportingFailureRecorded', { unitId: 'xinping', failure: 'late', description: '迟报', validDate: '2017-04-01', ...(points === undefined ? {} : { points }) });
    await expect(ledger.append([{ fact: failure(), line: 1 }], staff)).rejects.toThrow('line 1: data.points: is required: the scheme in force on 2017-04-01 ranges this deduction from -40 to -20, and the office sets the amount');
    await expect(ledger.append([{ fact: failure(-45) }], staff)).rejects.toThrow('data.points: must be between -40 and -20 under the scheme in force on 2017-04-01');
    await ledger.append([{ fact: failure(-35) }], staff);
    const request = factOf('CommissionRequested', { commissionId: 'YC-9', unitId: 'xinping', level: 'city', subject: '约稿', agreedPoints: 15, dueDate: '2017-03-31', validDate: '2017-03-10' });
    await ledger.append([{ fact: request }, { fact: factOf('CommissionMissed', { commissionId: 'YC-9', unitId: 'xinping', validDate: '2017-04-02', reason: '未报送', points: -15 }) }], staff);
    const { ledger: fixed } = await given(smallLedger());
    await expect(fixed.append([{ fact: failure(-20) }], staff)).rejects.toThrow('data.points: the scheme in force on 2017-04-01 fixes this deduction at -20: leave points out');
    // an amendment fixing it again would leave the amounts the office set without a range: refused
    await expect(ledger.append([{ fact: factOf('SchemeAmended', { schemeId: 'yuxi-2017', version: 2, validDate: '2017-01-01', reason: '统一扣分', scheme: base }) }], { actor: 'admin:王' })).rejects.toThrow(/position 6 .*data\.points: the scheme in force on 2017-04-01 fixes this deduction at -20: leave points out/);
  });

  it('a ranged deduction recorded before amounts were (restored from an export of then) still imports without one, and holds back no amendment', async () => {
    const base = yuxiLikeScheme();
    const ranged = yuxiLikeScheme({ deductions: { ...base.deductions, reportingFailure: { mode: 'range', minPoints: -40, maxPoints: -20 } } });
    const [published, ...rest] = smallLedger();
    let now = '2017-01-02T00:00:00.000Z';
    const { ledger } = await given([{ ...published, data: { ...published.data, scheme: ranged } } as LedgerFact, ...rest], { now: () => new Date(now) });
    now = '2018-01-10T00:00:00.000Z';
    const old = { ...factOf('ReportingFailureRecorded', { unitId: 'xinping', failure: 'late', description: '迟报', validDate: '2017-04-01' }), metadata: { schemaVersion: 1, recordedAt: '2017-04-02T00:00:00.000Z', recordedBy: 'staff:旧版' } } as LedgerFact;
    await expect(ledger.append([{ fact: old }], { ...staff, keepRecordedMetadata: true })).resolves.toMatchObject({ appended: 1 });
    const raised = { ...ranged, tiers: ranged.tiers.map((t) => ({ ...t, target: t.target + 100 })) };
    await expect(ledger.append([{ fact: factOf('SchemeAmended', { schemeId: 'yuxi-2017', version: 2, validDate: '2017-01-01', reason: '提高任务', scheme: raised }) }], { actor: 'admin:王' })).resolves.toMatchObject({ appended: 1 });
  });

  it('rejects an adoption at a level the scheme does not score', async () => {
    const { ledger } = await given(smallLedger());
    await expect(ledger.append([{ fact: adoption('xinping', { level: 'prefecture', publication: null, category: null }) }], staff)).rejects.toMatchObject({ field: 'data.level' });
  });

  it('rejects a false-information amount outside the scheme range', async () => {
    const { ledger } = await given(smallLedger());
    const fact = factOf('FalseInformationRecorded', { unitId: 'xinping', itemId: null, points: -60, description: '失实', validDate: '2017-04-01' });
    await expect(ledger.append([{ fact }], staff)).rejects.toThrow('data.points: must be between -50 and -30');
  });

  it('rejects a combined adoption that lists one contributor twice under two of its names (its official name and an alias)', async () => {
    const { ledger } = await given(smallLedger());
    await expect(ledger.append([{ fact: adoption('xinping', { contributors: ['市环境保护局', '市环保局'] }), line: 4 }], staff)).rejects.toThrow('line 4: data.contributors[1]: a contributor is listed twice');
    expect(await ledger.head()).toBe(5);
  });

  it('rejects a combined adoption that lists the lead unit as a contributor', async () => {
    const { ledger } = await given(smallLedger());
    await expect(ledger.append([{ fact: adoption('xinping', { contributors: ['新平县'] }) }], staff)).rejects.toMatchObject({ field: 'data.contributors[0]' });
  });
});

describe('idempotent import by fact id', () => {
  it('skips a fact already stored with the same content', async () => {
    const facts = smallLedger();
    const { ledger } = await given(facts);
    const again = await ledger.append(facts.map((fact) => ({ fact })), staff);
    expect(again).toEqual({ appended: 0, skipped: 5, head: 5 });
  });

  it('rejects a fact whose id is stored with other content', async () => {
    const facts = smallLedger();
    const { ledger } = await given(facts);
    const changed = { ...facts[1], data: { ...facts[1].data, name: '新平彝族傣族自治县' } } as LedgerFact;
    await expect(ledger.append([{ fact: changed, line: 9 }], staff)).rejects.toThrow(`line 9: id: fact ${facts[1].id} is already recorded (position 2) with other content`);
  });

  it('names the earlier line when one input holds an id twice with other content, and appends nothing of it', async () => {
    const { ledger } = await given(smallLedger());
    const first = adoption('xinping');
    const again = { ...first, data: { ...first.data, validDate: '2017-04-02' } };
    await expect(ledger.append([{ fact: first, line: 1 }, { fact: again, line: 2 }], staff)).rejects.toThrow(`line 2: id: fact ${first.id} comes twice in this input (first on line 1), with other content`);
    expect(await ledger.head()).toBe(5);
  });
});

describe('recorded time', () => {
  it('keeps the recorded metadata of a restored fact and never lets recorded time go backwards', async () => {
    let now = '2017-03-05T08:00:00.000Z';
    const { ledger } = await given(smallLedger(), { now: () => new Date(now) });
    now = '2017-03-07T00:00:00.000Z';
    const restored = adoption('xinping');
    const withMeta = { ...restored, metadata: { schemaVersion: 1, recordedAt: '2017-03-06T00:00:00.000Z', recordedBy: 'staff:李四' } };
    await ledger.append([{ fact: withMeta }], { actor: 'cli:root', keepRecordedMetadata: true });
    const last = (await all(ledger)).at(-1)!;
    expect(last.metadata).toMatchObject({ recordedAt: '2017-03-06T00:00:00.000Z', recordedBy: 'staff:李四' });
    const earlier = { ...adoption('xinping'), metadata: { schemaVersion: 1, recordedAt: '2017-03-01T00:00:00.000Z' } };
    await expect(ledger.append([{ fact: earlier }], { actor: 'cli:root', keepRecordedMetadata: true })).rejects.toMatchObject({ field: 'metadata.recordedAt' });
  });

  it("refuses a restored fact recorded later than now (beyond another clock's few minutes ahead): it would hold every later fact at that time", async () => {
    const { ledger } = await given(smallLedger());
    const restore = (recordedAt: string) => ledger.append([{ fact: { ...adoption('xinping'), metadata: { schemaVersion: 1, recordedAt } }, line: 1 }], { actor: 'cli:root', keepRecordedMetadata: true });
    await expect(restore('2027-01-01T00:00:00.000Z')).rejects.toThrow('line 1: metadata.recordedAt: 2027-01-01T00:00:00.000Z is later than now (2017-03-05T08:00:00.000Z)');
    expect(await ledger.head()).toBe(5);
    await restore('2017-03-05T08:04:00.000Z');
    expect(await ledger.head()).toBe(6);
  });

  it('does not take recorded metadata from the input unless restoring', async () => {
    const { ledger } = await given(smallLedger());
    const forged = { ...adoption('xinping'), metadata: { schemaVersion: 1, recordedAt: '2030-01-01T00:00:00.000Z', recordedBy: 'someone-else' } };
    await ledger.append([{ fact: forged }], staff);
    expect((await all(ledger)).at(-1)!.metadata).toMatchObject({ recordedBy: 'staff:张三', recordedAt: '2017-03-05T08:00:00.000Z' });
  });
});

describe('corrections', () => {
  const correction = (target: string, kind: 'void' | 'replace', replacement: Record<string, unknown> | null = null) =>
    factOf('FactCorrected', { correctedFactId: target, correction: kind, replacement, reason: '录入错误', validDate: '2017-04-01' });

  it('rejects correcting a fact that does not exist', async () => {
    const { ledger } = await given(smallLedger());
    await expect(ledger.append([{ fact: correction('00000000-0000-4000-8000-000000000000', 'void') }], staff)).rejects.toThrow('no fact 00000000-0000-4000-8000-000000000000 is recorded');
  });

  it('rejects voiding a fact twice, but accepts it again once the first void is voided', async () => {
    const adopted = adoption('xinping');
    const firstVoid = correction(adopted.id, 'void');
    const { ledger } = await given([...smallLedger(), adopted, firstVoid]);
    await expect(ledger.append([{ fact: correction(adopted.id, 'void') }], staff)).rejects.toThrow('is already void');
    await ledger.append([{ fact: correction(firstVoid.id, 'void') }, { fact: correction(adopted.id, 'void') }], staff);
    expect(await ledger.head()).toBe(9);
  });

  it('rejects replacing a void fact', async () => {
    const adopted = adoption('xinping');
    const { ledger } = await given([...smallLedger(), adopted, correction(adopted.id, 'void')]);
    const replacement = { ...adopted.data, category: 'item', publication: 'Z' };
    await expect(ledger.append([{ fact: correction(adopted.id, 'replace', replacement) }], staff)).rejects.toThrow('a void fact cannot be replaced');
  });

  it('checks a replacement as the complete content of the corrected kind', async () => {
    const adopted = adoption('xinping');
    const { ledger } = await given([...smallLedger(), adopted]);
    const toUnknownUnit = { ...adopted.data, unitId: '市金融办' };
    await expect(ledger.append([{ fact: correction(adopted.id, 'replace', toUnknownUnit) }], staff)).rejects.toMatchObject({ field: 'data.replacement.unitId' });
    const ofAnotherKind = { unitId: 'xinping', points: 30, description: '失实', itemId: null, validDate: '2017-03-02' };
    await expect(ledger.append([{ fact: correction(adopted.id, 'replace', ofAnotherKind) }], staff)).rejects.toThrow(
      "(a replacement is the complete content of a InformationAdopted, the corrected fact's kind; to change the kind, void the fact and append anew)",
    );
    const moved = { ...adopted.data, unitId: 'hbj', validDate: '2017-05-02' };
    await ledger.append([{ fact: correction(adopted.id, 'replace', moved) }], staff);
    expect(await ledger.head()).toBe(7);
  });
});

describe('what a correction may correct, and who may record it', () => {
  const voidOf = (target: string) => factOf('FactCorrected', { correctedFactId: target, correction: 'void', replacement: null, reason: '录入错误', validDate: '2017-06-01' });

  it.each([
    ['SchemePublished', 0, 'a scheme is changed by a SchemeAmended'],
    ['UnitRegistered', 1, 'a unit is renamed by UnitRenamed'],
  ])('rejects voiding a %s, saying what to do instead, and appends nothing', async (kind, index, instead) => {
    const facts = smallLedger();
    expect(facts[index].type).toBe(kind);
    const { ledger } = await given(facts);
    await expect(ledger.append([{ fact: voidOf(facts[index].id), line: 1 }], staff)).rejects.toThrow(`line 1: data.correctedFactId: a ${kind} cannot be corrected: ${instead}`);
    expect(await ledger.head()).toBe(5);
  });

  it('rejects voiding or replacing a settlement (the settlement is run again instead) and an alias', async () => {
    const settled = factOf('QuotaSettled', { schemeId: 'yuxi-2017', unitId: 'xinping', year: 2017, period: '2017', quota: 4, adopted: 2, directReportingPoint: false, points: -40, validDate: '2017-12-31' });
    const alias = factOf('UnitAliasAdded', { unitId: 'xinping', alias: '新平', validDate: '2017-06-01' });
    const { ledger } = await given([...smallLedger(), settled, alias], at('2018-01-10T08:00:00.000Z'));
    await expect(ledger.append([{ fact: voidOf(settled.id) }], staff)).rejects.toThrow('a QuotaSettled cannot be corrected: a settlement is derived: run the settlement again');
    const replace = factOf('FactCorrected', { correctedFactId: settled.id, correction: 'replace', replacement: { ...settled.data, points: 5000 }, reason: '改', validDate: '2017-12-31' });
    await expect(ledger.append([{ fact: replace }], staff)).rejects.toMatchObject({ field: 'data.correctedFactId' });
    await expect(ledger.append([{ fact: voidOf(alias.id) }], staff)).rejects.toThrow('a UnitAliasAdded cannot be corrected');
    expect(await ledger.head()).toBe(7);
  });

  it('records a settlement only after its year has closed (the first instant of the next year, UTC), new or restored', async () => {
    let now = '2017-12-31T23:59:59.999Z';
    const { ledger } = await given(smallLedger(), { now: () => new Date(now) });
    const settlement = () => factOf('QuotaSettled', { schemeId: 'yuxi-2017', unitId: 'xinping', year: 2017, period: '2017', quota: 4, adopted: 2, directReportingPoint: false, points: -40, validDate: '2017-12-31' });
    await expect(ledger.append([{ fact: settlement(), line: 2 }], staff)).rejects.toThrow('line 2: data.year: 2017 has not closed (recorded at 2017-12-31T23:59:59.999Z): a year\'s quotas are settled from 2018-01-01T00:00:00.000Z on');
    now = '2027-01-02T00:00:00.000Z';
    // a restore recorded (by its own account) after the later checks began, but before the year closed
    const early = { ...settlement(), metadata: { schemaVersion: 1, recordedAt: '2026-12-06T00:00:00.000Z', recordedBy: 'staff:李' } } as LedgerFact;
    await expect(ledger.append([{ fact: { ...early, data: { ...early.data, year: 2026, period: '2026', validDate: '2026-12-31' } } as LedgerFact }], { ...staff, keepRecordedMetadata: true })).rejects.toThrow('data.year: 2026 has not closed (recorded at 2026-12-06T00:00:00.000Z)');
    expect(await ledger.head()).toBe(5);
    now = '2018-01-01T00:00:00.000Z';
    await expect(ledger.append([{ fact: settlement() }], staff)).resolves.toMatchObject({ appended: 1 });
  });

  it('voids a rename but does not replace one', async () => {
    const renamed = factOf('UnitRenamed', { unitId: 'xinping', name: '新平彝族傣族自治县', validDate: '2017-06-01' });
    const { ledger } = await given([...smallLedger(), renamed]);
    const replace = factOf('FactCorrected', { correctedFactId: renamed.id, correction: 'replace', replacement: { ...renamed.data, name: '新平' }, reason: '改', validDate: '2017-06-01' });
    await expect(ledger.append([{ fact: replace }], staff)).rejects.toThrow('a UnitRenamed cannot be replaced; void it and record a new UnitRenamed');
    await ledger.append([{ fact: voidOf(renamed.id) }], staff);
    expect(await ledger.head()).toBe(7);
  });

  it("asks `forbids` with a correction's target kind, and a refusal appends nothing of the batch", async () => {
    const facts = smallLedger();
    const enrolment = facts[3];
    const { ledger } = await given(facts);
    const asked: Array<[string, string | null]> = [];
    const forbids = (kind: string, corrected: string | null) => (asked.push([kind, corrected]), corrected === 'UnitEnrolled' ? 'a correction of a UnitEnrolled is recorded by admin, not staff' : null);
    const attempt = ledger.append([{ fact: adoption('xinping') }, { fact: voidOf(enrolment.id) }], { ...staff, forbids });
    await expect(attempt).rejects.toBeInstanceOf(FactForbiddenError);
    await expect(ledger.append([{ fact: voidOf(enrolment.id) }], { ...staff, forbids })).rejects.toMatchObject({ field: 'data.correctedFactId', reason: 'a correction of a UnitEnrolled is recorded by admin, not staff' });
    expect(asked.slice(0, 2)).toEqual([['InformationAdopted', null], ['FactCorrected', 'UnitEnrolled']]);
    expect(await ledger.head()).toBe(5);
  });
});

describe('concurrent writers', () => {
  it('a writer whose expected revision went stale re-reads, re-checks and appends after the other', async () => {
    const store = new MemoryStore();
    const one = new Ledger(store, at('2017-03-05T08:00:00.000Z'));
    const two = new Ledger(store, at('2017-03-05T08:00:00.000Z'));
    await one.append(smallLedger().map((fact) => ({ fact })), staff);
    await two.head(); // two has folded the ledger at position 5
    await one.append([{ fact: adoption('xinping') }], staff);
    const outcome = await two.append([{ fact: adoption('hbj') }], staff);
    expect(outcome.head).toBe(7);
  });

  it('a stale writer is still checked against what the other appended', async () => {
    const store = new MemoryStore();
    const one = new Ledger(store, at('2017-03-05T08:00:00.000Z'));
    const two = new Ledger(store, at('2017-03-05T08:00:00.000Z'));
    const adopted = adoption('xinping');
    await one.append([...smallLedger(), adopted].map((fact) => ({ fact })), staff);
    await two.head();
    const voidIt = factOf('FactCorrected', { correctedFactId: adopted.id, correction: 'void', replacement: null, reason: 'dup', validDate: '2017-04-01' });
    await one.append([{ fact: voidIt }], staff);
    const again = factOf('FactCorrected', { correctedFactId: adopted.id, correction: 'void', replacement: null, reason: 'dup', validDate: '2017-04-01' });
    await expect(two.append([{ fact: again }], staff)).rejects.toBeInstanceOf(FactRejectedError);
  });
});

describe('catching up with what other writers recorded', () => {
  it('folds each fact once when several callers catch up at the same time', async () => {
    const { store } = await given(smallLedger());
    const other = new Ledger(store, at('2017-03-02T08:00:00.000Z'));
    await other.append([{ fact: adoption('xinping') }, { fact: adoption('hbj') }], staff);
    const fresh = new Ledger(store, at('2017-03-03T08:00:00.000Z'));
    // A server warming its state while the first requests arrive.
    expect(await Promise.all([fresh.head(), fresh.head(), fresh.head()])).toEqual([7, 7, 7]);
    const outcome = await fresh.append([{ fact: adoption('xinping') }], staff);
    expect(outcome.head).toBe(8);
  });
});
