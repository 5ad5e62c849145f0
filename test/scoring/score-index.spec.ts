import { deserialize, serialize } from 'node:v8';
import {
  annualTable,
  evolveScoringModel,
  initialScoringModel,
  monthlyView,
  restoreScoreIndex,
  restoreScoringModel,
  ScoreIndex,
  snapshotScoreIndex,
  snapshotScoringModel,
  type ScoreIndexSnapshot,
  type ScoreIndexState,
  type ScoringModel,
} from '../../projections';
import type { LedgerFact } from '../../events';
import { adoption, factOf, smallLedger, yuxiLikeScheme } from '../support/builders';
import { recordAll } from '../support/model';

/** Folds facts into a model and a score index together, as the projection runner does. */
function foldBoth(facts: LedgerFact[]): { model: ScoringModel; index: ScoreIndex } {
  const model = initialScoringModel();
  const index = new ScoreIndex();
  for (const recorded of recordAll(facts)) {
    evolveScoringModel(model, recorded);
    index.apply(model, recorded);
  }
  return { model, index };
}

const voidOf = (id: string) => factOf('FactCorrected', { correctedFactId: id, correction: 'void', replacement: null, reason: '录入错误', validDate: '2017-06-01' });

function mixedLedger(): LedgerFact[] {
  const a1 = adoption('xinping', { itemId: 'i1', validDate: '2017-02-03' });
  const p1 = adoption('xinping', { itemId: 'i1', level: 'province', publication: null, category: null, validDate: '2017-03-03' });
  const contributed = adoption('hbj', { contributors: ['新平县'], validDate: '2017-04-01' });
  const instruction = (validDate: string) => factOf('LeaderInstructionRecorded', { itemId: 'i1', unitId: 'xinping', level: 'city', leader: '市长', validDate });
  const late = instruction('2017-03-10');
  const early = instruction('2017-03-01');
  const designation = factOf('DirectReportingPointDesignated', { schemeId: 'yuxi-2017', unitId: 'xinping', level: 'province', validDate: '2017-01-01', reason: '直报点' });
  const replace = factOf('FactCorrected', { correctedFactId: a1.id, correction: 'replace', replacement: { ...a1.data, unitId: 'hbj', validDate: '2017-05-05' }, reason: '单位录错', validDate: '2017-06-01' });
  const missed = (n: number) => factOf('CommissionMissed', { commissionId: 'c1', unitId: 'hbj', validDate: `2017-0${n}-15`, reason: '未报' });
  const commission = factOf('CommissionRequested', { commissionId: 'c1', unitId: 'hbj', level: 'city', subject: '约稿', agreedPoints: 15, dueDate: '2017-02-01', validDate: '2017-01-10' });
  const amended = factOf('SchemeAmended', {
    schemeId: 'yuxi-2017',
    version: 2,
    validDate: '2017-01-01',
    reason: '增加《玉溪要情》动态类',
    scheme: yuxiLikeScheme({ overrides: [{ kind: 'missedCommissionsZeroYear', count: 2 }] }),
  });
  const firstVoid = voidOf(late.id);
  return [...smallLedger(), a1, p1, contributed, late, early, designation, commission, missed(2), replace, firstVoid, voidOf(firstVoid.id), voidOf(early.id), missed(3), amended, adoption('hbj', { commissionId: 'c1' })];
}

describe('the score index gives the same tables as re-scoring from the facts', () => {
  it('at every position of a ledger with corrections, designations, group rules, overrides and a retroactive scheme amendment', () => {
    const { model, index } = foldBoth(mixedLedger());
    for (let p = 0; p <= model.position; p++) {
      expect(annualTable(model, 2017, p, index)).toEqual(annualTable(model, 2017, p));
      expect(monthlyView(model, '2017-03', p, index)).toEqual(monthlyView(model, '2017-03', p));
    }
  });

  it('survives a checkpoint round trip of its state (snapshot, node:v8 serialize, restore), and folds on from it', () => {
    const ledger = mixedLedger();
    const facts = recordAll(ledger);
    const half = Math.floor(facts.length / 2);
    const { model, index } = foldBoth(ledger);
    const roundTrip = (state: ScoreIndexState) => restoreScoreIndex(deserialize(serialize(snapshotScoreIndex(state))) as ScoreIndexSnapshot);
    const restored = new ScoreIndex(roundTrip(index.state));
    expect(annualTable(model, 2017, model.position, restored)).toEqual(annualTable(model, 2017, model.position));
    // Restored half way (model and index), then folding the rest: the same tables at every later position.
    const early = facts.slice(0, half).reduce(evolveScoringModel, initialScoringModel());
    const earlyIndex = new ScoreIndex();
    const replay = initialScoringModel();
    for (const fact of facts.slice(0, half)) earlyIndex.apply(evolveScoringModel(replay, fact), fact);
    const resumedModel = restoreScoringModel(deserialize(serialize(snapshotScoringModel(early))) as ReturnType<typeof snapshotScoringModel>);
    const resumed = new ScoreIndex(roundTrip(earlyIndex.state));
    for (const fact of facts.slice(half)) {
      resumed.apply(evolveScoringModel(resumedModel, fact), fact);
      expect(annualTable(resumedModel, 2017, resumedModel.position, resumed)).toEqual(annualTable(model, 2017, resumedModel.position));
    }
  });

  it('pays capped submissions out again after anything that can change them: a void, an alias, a scheme amendment', () => {
    const capped = yuxiLikeScheme({ submission: { pointsPerPiece: 2, yearlyCap: 5 } });
    const [, ...registry] = smallLedger();
    const piece = (validDate: string, unitId = 'xinping') => factOf('InformationSubmitted', { itemId: `piece-${validDate}-${unitId}`, unitId, title: '报送', validDate });
    const [a, b, c] = [piece('2017-01-10'), piece('2017-02-10'), piece('2017-03-10')]; // 2 + 2 + 1: the cap binds at c
    const amended = factOf('SchemeAmended', { schemeId: 'yuxi-2017', version: 2, validDate: '2017-01-01', reason: '报送每条3分', scheme: { ...capped, submission: { pointsPerPiece: 3, yearlyCap: 5 } } });
    const ledger: LedgerFact[] = [
      factOf('SchemePublished', { schemeId: 'yuxi-2017', version: 1, validDate: '2017-01-01', scheme: capped }),
      ...registry,
      a,
      b,
      c,
      voidOf(b.id), // c now pays 2
      piece('2017-02-15'), // before c: c drops to 1 again, which only a fresh pay-out after the void sees
      factOf('UnitAliasAdded', { unitId: 'xinping', alias: '新平', validDate: '2017-01-01' }),
      piece('2017-01-05', '新平'), // under the new alias, earliest: every later piece moves down
      amended,
      piece('2017-01-01'),
      piece('2017-04-01', 'hbj'),
    ];
    const { model, index } = foldBoth(ledger);
    for (let p = 0; p <= model.position; p++) {
      expect(annualTable(model, 2017, p, index)).toEqual(annualTable(model, 2017, p));
      for (const month of ['2017-01', '2017-02', '2017-03']) expect(monthlyView(model, month, p, index)).toEqual(monthlyView(model, month, p)); // errors in two months can cancel in the year
    }
    const xinping = annualTable(model, 2017, model.position, index).groups[0].rows.find((r) => r.unitId === 'xinping')!;
    expect(xinping.bonus).toBe(5); // the cap
  });
});
