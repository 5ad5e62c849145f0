import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACT_KINDS } from '../../events';
import { checkFactData, FactValidationError, LATER_CHECKS_FROM, parseFactLine, validateFact, type ValidateFactOptions } from '../../libs/validation';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests reach into sample facts freely

const SAMPLE_LINES = readFileSync(join(__dirname, '../../examples/facts-sample.ndjson'), 'utf8').split('\n').filter((text) => text !== '');

/** A deep copy of the first sample fact of a kind: each test starts from a valid fact and breaks one thing. */
function sampleOf(kind: string): Json {
  const text = SAMPLE_LINES.find((line) => (JSON.parse(line) as Json).type === kind);
  if (!text) throw new Error(`the sample has no ${kind}`);
  return JSON.parse(text) as Json;
}

/** Submits a fact as NDJSON line 7 and returns the rejection. */
function rejectionOf(fact: unknown, options: ValidateFactOptions = {}): FactValidationError {
  try {
    parseFactLine(JSON.stringify(fact), 7, options);
  } catch (error) {
    if (error instanceof FactValidationError) return error;
    throw error;
  }
  throw new Error('the fact was accepted');
}

describe('the fact sample', () => {
  it('validates every line of examples/facts-sample.ndjson', () => {
    const facts = SAMPLE_LINES.map((text, i) => parseFactLine(text, i + 1));
    expect(facts).toHaveLength(SAMPLE_LINES.length);
  });

  it('holds at least one fact of every kind', () => {
    const kinds = new Set(SAMPLE_LINES.map((text) => (JSON.parse(text) as Json).type));
    expect([...kinds].sort()).toEqual([...FACT_KINDS].sort());
  });

  it('carries no ledger-owned metadata, so the API accepts every line too', () => {
    for (const text of SAMPLE_LINES) expect(() => validateFact(JSON.parse(text), { origin: 'api' })).not.toThrow();
  });

  it('returns the fact it was given, typed', () => {
    const raw = sampleOf('InformationAdopted');
    const fact = validateFact(raw);
    expect(fact).toBe(raw);
    expect(fact.type).toBe('InformationAdopted');
  });
});

/** The field errors of a line (for lines JSON.stringify cannot write back, such as very deep ones). */
function errorsOf(line: string): FactValidationError['errors'] {
  try {
    parseFactLine(line, 1);
  } catch (error) {
    if (error instanceof FactValidationError) return error.errors;
    throw error;
  }
  throw new Error('the line was accepted');
}

describe('a line that is not a fact', () => {
  it('is rejected as (json) with the parser reason and the line', () => {
    const error = (() => {
      try {
        parseFactLine('{"id": "x", ', 3);
      } catch (e) {
        return e as FactValidationError;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(FactValidationError);
    expect(error.code).toBe('INVALID_FACT');
    expect(error.line).toBe(3);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]!.field).toBe('(json)');
    expect(error.errors[0]!.reason).toMatch(/JSON/);
    expect(error.message).toMatch(/^line 3: \(json\): /);
  });

  it('is rejected when empty', () => {
    expect(() => parseFactLine('   ', 9)).toThrow('line 9: (json): the line is empty; each line holds one fact');
  });

  it('is rejected when the JSON is not an object', () => {
    expect(rejectionOf([1, 2]).errors).toEqual([{ field: '(fact)', reason: 'must be a JSON object with id, type, data and metadata' }]);
  });

  it('accepts a byte-order mark before the first fact', () => {
    expect(parseFactLine(`\uFEFF${SAMPLE_LINES[0]!}`, 1).type).toBe('SchemePublished');
  });

  it('is rejected when saved in another encoding (GBK): the field whose text is no UTF-8 is named, not recorded as U+FFFD', () => {
    const failure = sampleOf('ReportingFailureRecorded');
    failure.data.description = '重大突发事件信息迟报';
    const gbk = Buffer.from(JSON.stringify(failure).replace('重大突发事件信息迟报', '@@'), 'utf8');
    const at = gbk.indexOf('@@');
    // 重大 in GBK: d6 d8 b4 f3, which are no UTF-8 sequence
    const line = Buffer.concat([gbk.subarray(0, at), Buffer.from([0xd6, 0xd8, 0xb4, 0xf3]), gbk.subarray(at + 2)]).toString('utf8');
    expect(() => parseFactLine(line, 4)).toThrow('line 4: data.description: is not UTF-8 text: it holds bytes that are no UTF-8 character (save the file or send the body as UTF-8, not GBK or another encoding)');
    expect(parseFactLine(JSON.stringify(failure), 4).data).toMatchObject({ description: '重大突发事件信息迟报' });
    // restored from an export (it carries its recorded time): taken with the text it was recorded with, so the export still imports
    const restored = { ...failure, metadata: { ...failure.metadata, recordedAt: '2017-03-05T07:00:00.000Z', recordedBy: 'staff:旧版' } };
    expect(parseFactLine(JSON.stringify(restored).replace('重大突发事件信息迟报', '\uFFFD\uFFFD'), 4).data).toMatchObject({ description: '\uFFFD\uFFFD' });
    // stamped with a time from after the check began (as a conversion tool stamps each line): checked as new
    const stamped = { ...failure, metadata: { ...failure.metadata, recordedAt: LATER_CHECKS_FROM, recordedBy: 'staff:某工具' } };
    expect(() => parseFactLine(JSON.stringify(stamped).replace('重大突发事件信息迟报', '\uFFFD\uFFFD'), 4)).toThrow('line 4: data.description: is not UTF-8 text');
  });

  it('is rejected, naming the field, when nested deeper than any fact (before anything recurses into it)', () => {
    const failure = sampleOf('ReportingFailureRecorded');
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const line = JSON.stringify(failure).replace('"data":{', `"data":{"z":${deep},`);
    expect(() => parseFactLine(line, 2)).toThrow(FactValidationError);
    expect(errorsOf(line)).toEqual([{ field: 'data.z[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]', reason: 'nests objects or lists more than 32 levels deep (no fact does)' }]);
    failure.data.z = [[1]];
    expect(rejectionOf(failure).errors).toEqual([{ field: 'data.z', reason: expect.stringMatching(/unknown field/) }]);
  });
});

describe('the envelope', () => {
  it('rejects an unknown fact kind naming type', () => {
    const fact = { ...sampleOf('InformationAdopted'), type: 'InformationPublished' };
    const error = rejectionOf(fact);
    expect(error.errors[0]!.field).toBe('type');
    expect(error.errors[0]!.reason).toMatch(/^must be a fact kind: one of SchemePublished, SchemeAmended, /);
    expect(error.message).toMatch(/^line 7: type: must be a fact kind/);
  });

  it('rejects an id that is not a UUID', () => {
    expect(rejectionOf({ ...sampleOf('UnitRegistered'), id: 'fact-1' }).errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it.each(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])('rejects the marker UUID %s as a fact id and as a reference', (marker) => {
    const reason = 'must be a UUID of versions 1 to 8, not the nil or max UUID';
    expect(rejectionOf({ ...sampleOf('UnitRegistered'), id: marker }).errors).toEqual([{ field: 'id', reason }]);
    const correction = sampleOf('FactCorrected');
    expect(rejectionOf({ ...correction, data: { ...(correction.data as object), correctedFactId: marker } }).errors).toEqual([{ field: 'data.correctedFactId', reason }]);
  });

  it('rejects an upper-case UUID, which EventStoreDB would hand back in lower case', () => {
    const fact = sampleOf('UnitRegistered');
    expect(rejectionOf({ ...fact, id: (fact.id as string).toUpperCase().replace('2017-4000', '2017-4A00') }).errors[0]).toEqual({
      field: 'id',
      reason: 'must be written in lower case (ids are compared as text)',
    });
  });

  it('rejects an unknown key beside id, type, data and metadata', () => {
    expect(rejectionOf({ ...sampleOf('UnitRegistered'), streamId: 'ledger' }).errors).toEqual([
      { field: 'streamId', reason: 'unknown field (a fact has only id, type, data and metadata)' },
    ]);
  });

  it('requires metadata, {} when there is nothing to add', () => {
    const { metadata: _metadata, ...fact } = sampleOf('UnitRegistered');
    expect(rejectionOf(fact).errors).toEqual([{ field: 'metadata', reason: 'is required ({} when there is nothing to add)' }]);
    expect(() => validateFact({ ...fact, metadata: {} })).not.toThrow();
  });
});

describe('the data of a fact', () => {
  it('rejects a missing field as required', () => {
    const fact = sampleOf('InformationSubmitted');
    delete fact.data.unitId;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.unitId', reason: 'is required' }]);
  });

  it('rejects an unknown field', () => {
    const fact = sampleOf('InformationSubmitted');
    fact.data.points = 10;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.points', reason: 'unknown field' }]);
  });

  it('rejects an unknown field in a nested scheme object with its full path', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.tiers[2].bonus = 5;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.scheme.tiers[2].bonus', reason: 'unknown field' }]);
  });

  it('rejects a value outside an enumeration, listing the allowed ones', () => {
    const fact = sampleOf('ReportingFailureRecorded');
    fact.data.failure = 'forgotten';
    const error = rejectionOf(fact);
    expect(error.errors).toEqual([{ field: 'data.failure', reason: 'must be one of late, missing, concealed' }]);
    expect(error.message).toBe('line 7: data.failure: must be one of late, missing, concealed');
  });

  it('rejects a date that is not a calendar day (2017-02-30)', () => {
    const fact = sampleOf('InformationAdopted');
    fact.data.validDate = '2017-02-30';
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.validDate', reason: 'is not a calendar date (no such day)' }]);
  });

  it('rejects a date in another form', () => {
    const fact = sampleOf('InformationAdopted');
    fact.data.validDate = '2017/03/06';
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.validDate', reason: 'must be a date written YYYY-MM-DD' }]);
  });

  it('rejects a fractional or textual number', () => {
    const fact = sampleOf('CommissionRequested');
    fact.data.agreedPoints = '60';
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.agreedPoints', reason: 'must be an integer' }]);
    fact.data.agreedPoints = 0;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.agreedPoints', reason: 'must be a positive integer (at most 10000)' }]);
  });

  it('requires a nullable field to be present, null meaning none', () => {
    const fact = sampleOf('InformationAdopted');
    delete fact.data.commissionId;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.commissionId', reason: 'is required (null when there is none)' }]);
  });

  it('rejects a category without a publication', () => {
    const fact = sampleOf('InformationAdopted');
    fact.data.publication = null;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.category', reason: 'must be null when publication is null (a category belongs to a publication)' }]);
  });

  it('rejects false information that adds points', () => {
    const fact = sampleOf('FalseInformationRecorded');
    fact.data.points = 30;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.points', reason: 'must be a negative integer (false information deducts points)' }]);
  });

  it('rejects a commission due before it was requested', () => {
    const fact = sampleOf('CommissionRequested');
    fact.data.dueDate = '2017-08-31';
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.dueDate', reason: 'must not be before validDate (2017-09-01)' }]);
  });

  it('rejects a settlement not dated the last day of its year', () => {
    const fact = sampleOf('QuotaSettled');
    fact.data.validDate = '2018-01-05';
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.validDate', reason: "must be 2017-12-31: settlement facts are dated the settled year's last day" }]);
  });

  it('rejects a circular content version this product cannot re-derive, and accepts one it can', () => {
    const fact = sampleOf('CircularIssued');
    for (const bad of [0, 99, 1.5]) {
      fact.data.contentVersion = bad;
      expect(rejectionOf(fact).errors).toEqual([{ field: 'data.contentVersion', reason: expect.stringMatching(/^must be (a circular content version from 1 to \d+|an integer)$/) }]);
    }
    fact.data.contentVersion = 1;
    expect(() => parseFactLine(JSON.stringify(fact), 7)).not.toThrow();
  });

  it("takes a circular's own paragraphs from content version 3 on, each one line", () => {
    const fact = sampleOf('CircularIssued');
    fact.data.paragraphs = ['请上述被通报的单位认真整改。'];
    fact.data.contentVersion = 2;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.paragraphs', reason: 'a circular carries paragraphs of its own from content version 3 on' }]);
    fact.data.contentVersion = 3;
    expect(() => parseFactLine(JSON.stringify(fact), 7)).not.toThrow();
    fact.data.paragraphs = ['一行', '两\n行'];
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.paragraphs[1]', reason: 'must be one line without surrounding spaces' }]);
  });

  it("takes a circular's own attachments and disclosure note from content version 4 on, each one line", () => {
    const fact = sampleOf('CircularIssued');
    fact.data.attachments = ['领导批示抄清'];
    fact.data.disclosure = '此件公开发布';
    fact.data.contentVersion = 3;
    expect(rejectionOf(fact).errors).toEqual([
      { field: 'data.attachments', reason: 'a circular carries attachments of its own from content version 4 on' },
      { field: 'data.disclosure', reason: 'a circular carries a disclosure note from content version 4 on' },
    ]);
    fact.data.contentVersion = 4;
    expect(() => parseFactLine(JSON.stringify(fact), 7)).not.toThrow();
    fact.data.attachments = ['领导批示抄清', ' 通知'];
    fact.data.disclosure = '';
    expect(rejectionOf(fact).errors).toEqual([
      { field: 'data.attachments[1]', reason: 'must be one line without surrounding spaces' },
      { field: 'data.disclosure', reason: 'must not be empty' },
    ]);
  });

  it('rejects keys that would touch an object prototype', () => {
    const text = SAMPLE_LINES.find((line) => line.includes('"InformationSubmitted"'))!.replace('"itemId"', '"__proto__":{"polluted":true},"itemId"');
    expect(() => parseFactLine(text, 4)).toThrow('line 4: data.__proto__: unknown field');
    const fact = sampleOf('InformationSubmitted');
    fact.data.constructor = 'x';
    expect(rejectionOf(fact).errors).toContainEqual({ field: 'data.constructor', reason: 'unknown field' });
  });

  it('rejects a hole in a list, which code (not JSON) can produce', () => {
    const fact = sampleOf('SchemePublished');
    delete fact.data.scheme.groups[1];
    expect(() => validateFact(fact)).toThrow('data.scheme.groups[1]: is missing (a hole in the list)');
  });

  it('reports every problem, the first in the message', () => {
    const fact = sampleOf('InformationAdopted');
    fact.data.validDate = '2017-13-01';
    fact.data.unitId = 'has space';
    fact.data.extra = true;
    const error = rejectionOf(fact);
    expect(error.errors.map((e) => e.field)).toEqual(['data.extra', 'data.unitId', 'data.validDate']);
    expect(error.message).toBe('line 7: data.extra: unknown field');
  });
});

describe('a scheme', () => {
  it('rejects an unknown upper-level mode, naming the field and the modes', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.upperLevels[1].mode = 'bonus';
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.scheme.upperLevels[1].mode', reason: 'must be one of fixed, multiple' }]);
  });

  it('names a field of the wrong variant and the missing one of the chosen variant', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.upperLevels[0] = { level: 'province', mode: 'fixed', factor: 2, basePoints: 10 };
    expect(rejectionOf(fact).errors).toEqual([
      { field: 'data.scheme.upperLevels[0].factor', reason: 'unknown field' },
      { field: 'data.scheme.upperLevels[0].basePoints', reason: 'unknown field' },
      { field: 'data.scheme.upperLevels[0].points', reason: 'is required' },
    ]);
  });

  it('accepts a multiple-of-own-points upper-level rate', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.upperLevels[1] = { level: 'national', mode: 'multiple', factor: 3, basePoints: 10 };
    expect(() => validateFact(fact)).not.toThrow();
  });

  it('rejects a deduction range whose maximum is below its minimum', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.deductions.falseInformation = { mode: 'range', minPoints: -30, maxPoints: -50 };
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.scheme.deductions.falseInformation.maxPoints', reason: 'must not be below minPoints (-30)' }]);
  });

  it('rejects an unknown tie mode and a criterion named twice', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.ties = { mode: 'random' };
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.scheme.ties.mode', reason: 'must be one of shared, criteria' }]);
    fact.data.scheme.ties = { mode: 'criteria', criteria: ['total', 'cityPoints', 'total'] };
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.scheme.ties.criteria[2]', reason: 'is listed twice' }]);
  });

  it('accepts merged circular periods covering the year and rejects a month out of order', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.periods.circular = { merged: [[1, 2], [3], [4], [5], [6], [7], [8], [9], [10], [11], [12]] };
    expect(() => validateFact(fact)).not.toThrow();
    fact.data.scheme.periods.circular = { merged: [[1, 2], [4]] };
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.scheme.periods.circular.merged[1][0]', reason: 'must be 3: the periods list the months 1 to 12 once each, in order' }]);
    fact.data.scheme.periods.circular = 'week';
    expect(rejectionOf(fact).errors[0]!.reason).toBe('must be "month", "quarter" or { "merged": [[1, 2], [3], ..., [12]] }');
  });

  it('rejects a category that earns nothing', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.publications[2].categories[2].points = 0;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.scheme.publications[2].categories[2].points', reason: 'must be a positive integer' }]);
  });

  it('rejects a tier in a group the scheme does not define', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.tiers[0].group = 'counties';
    expect(rejectionOf(fact).errors).toEqual([
      { field: 'data.scheme.tiers[0].group', reason: "must be one of the scheme's groups (county, city_department, central_provincial, other)" },
    ]);
  });

  it('rejects a publication alias that names another publication', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.scheme.publications[2].aliases = ['《信息快报》'];
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.scheme.publications[2].aliases[0]', reason: '《信息快报》 already names publications[1]' }]);
  });

  it('rejects a first version other than 1', () => {
    const fact = sampleOf('SchemePublished');
    fact.data.version = 2;
    expect(rejectionOf(fact).errors[0]!.field).toBe('data.version');
  });
});

describe('a correction', () => {
  it("rejects 'replace' without a replacement", () => {
    const fact = sampleOf('FactCorrected');
    fact.data.correction = 'replace';
    expect(rejectionOf(fact).errors).toEqual([
      { field: 'data.replacement', reason: "must be an object for correction 'replace': the complete new data of the corrected fact's kind" },
    ]);
  });

  it("rejects 'void' with a replacement", () => {
    const fact = SAMPLE_LINES.map((text) => JSON.parse(text) as Json).find((f) => f.type === 'FactCorrected' && f.data.correction === 'replace')!;
    fact.data.correction = 'void';
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.replacement', reason: "must be null for correction 'void'" }]);
  });

  it("checks a replacement against the corrected fact's kind with checkFactData", () => {
    const replacement = { ...sampleOf('FalseInformationRecorded').data, points: -40, amount: 1 };
    expect(checkFactData('FalseInformationRecorded', replacement, 'data.replacement')).toEqual([{ field: 'data.replacement.amount', reason: 'unknown field' }]);
  });
});

describe('a combined adoption', () => {
  it('rejects the lead unit listed as a contributor', () => {
    const fact = SAMPLE_LINES.map((text) => JSON.parse(text) as Json).find((f) => f.type === 'InformationAdopted' && f.data.contributors.length > 0)!;
    fact.data.contributors = ['fgw', fact.data.unitId];
    const error = rejectionOf(fact);
    expect(error.errors).toEqual([{ field: 'data.contributors[1]', reason: 'is the lead unit (unitId); the lead gets the normal credit and is not also a contributor' }]);
    expect(error.message).toBe('line 7: data.contributors[1]: is the lead unit (unitId); the lead gets the normal credit and is not also a contributor');
  });

  it('rejects a contributor listed twice', () => {
    const fact = sampleOf('InformationAdopted');
    fact.data.contributors = ['fgw', 'tongji', 'fgw'];
    expect(rejectionOf(fact).errors).toEqual([{ field: 'data.contributors[2]', reason: 'is listed twice' }]);
  });
});

describe('deduction amounts', () => {
  it('a missed commission or a reporting failure may carry a negative amount (whether the scheme ranges it is the ledger\'s check), never a positive one', () => {
    for (const kind of ['CommissionMissed', 'ReportingFailureRecorded'] as const) {
      const fact = sampleOf(kind);
      fact.data.points = -15;
      expect(() => validateFact(fact)).not.toThrow();
      fact.data.points = 5;
      expect(rejectionOf(fact).errors).toEqual([{ field: 'data.points', reason: 'must be a negative integer (a deduction)' }]);
    }
  });
});

describe('metadata', () => {
  it('rejects recordedBy from an API request: the actor comes from the credential', () => {
    const fact = sampleOf('InformationAdopted');
    fact.metadata.recordedBy = 'someone-else';
    const error = rejectionOf(fact, { origin: 'api' });
    expect(error.errors).toEqual([{ field: 'metadata.recordedBy', reason: 'set by the ledger from the credential/clock, not by the request' }]);
    expect(error.message).toBe('line 7: metadata.recordedBy: set by the ledger from the credential/clock, not by the request');
  });

  it('accepts the ledger-owned keys an export carries when importing', () => {
    const fact = sampleOf('InformationAdopted');
    fact.metadata = { ...fact.metadata, recordedAt: '2017-03-06T08:15:00.000Z', recordedBy: 'xinxike-li', position: 12 };
    expect(() => validateFact(fact, { origin: 'import' })).not.toThrow();
    expect(rejectionOf(fact, { origin: 'api' }).errors.map((e) => e.field)).toEqual(['metadata.recordedAt', 'metadata.recordedBy', 'metadata.position']);
  });

  it('rejects, when importing, a recordedBy without the recordedAt it was recorded at: only a restore from an export names who recorded a fact', () => {
    const fact = sampleOf('InformationAdopted');
    fact.metadata = { ...fact.metadata, recordedBy: 'staff:某人' };
    expect(rejectionOf(fact, { origin: 'import' }).errors).toEqual([
      { field: 'metadata.recordedBy', reason: 'is kept only with the recordedAt it was recorded at (a fact restored from an export); a new fact is recorded by whoever imports it (--actor names whom for)' },
    ]);
  });

  it('rejects an unknown metadata key and a recordedAt that is not an instant', () => {
    const fact = sampleOf('InformationAdopted');
    fact.metadata = { schemaVersion: 1, author: 'li', recordedAt: '2017-03-06 08:15' };
    expect(rejectionOf(fact).errors).toEqual([
      { field: 'metadata.author', reason: 'unknown field' },
      { field: 'metadata.recordedAt', reason: 'must be a UTC instant written YYYY-MM-DDTHH:MM:SS.sssZ' },
    ]);
  });

  it('rejects a schema version newer than the ledger knows', () => {
    const fact = sampleOf('InformationAdopted');
    fact.metadata.schemaVersion = 2;
    expect(rejectionOf(fact).errors).toEqual([{ field: 'metadata.schemaVersion', reason: 'must be 1 to 1 for InformationAdopted: this ledger knows no later shape' }]);
  });
});
