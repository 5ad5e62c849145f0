import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AsOfStamp, AwardBandView, AwardedUnit, AwardsView, CorrectionNote, Explanation, ExplanationItem, MonthlyView, TableGroup, TableRow, TableView } from '../../projections';
import type { AppendOutcome } from '../../libs/ledger';
import type { ErrorBody } from './http-errors';

/**
 * The JSON shapes of SPEC.md section 11 (a public contract other offices' tools script against), as
 * OpenAPI schemas. Documentation only: each class implements the projection's own type, so a
 * change of the shape that is not made here too fails to compile.
 */

export class AsOfShape implements AsOfStamp {
  @ApiProperty({ description: 'the ledger position the view is computed at', example: 11342 }) position!: number;
  @ApiProperty({ type: String, nullable: true, description: 'recorded time of the fact at that position', example: '2018-01-16T02:00:00.000Z' }) recordedAt!: string | null;
}

export class SchemeRefShape {
  @ApiProperty({ example: 'yuxi-2017' }) id!: string;
  @ApiProperty({ example: 2 }) version!: number;
}

export class TableRowShape implements TableRow {
  @ApiProperty({ example: 'fgw' }) unitId!: string;
  @ApiProperty({ description: 'the name printed in the table (the registry official name)', example: '市发展改革委' }) unit!: string;
  @ApiProperty({ type: Number, nullable: true, description: '考核分值; null where the group has none', example: 400 }) target!: number | null;
  @ApiProperty({ description: '市办采用(条)', example: 31 }) cityAdopted!: number;
  @ApiProperty({ description: '市办得分', example: 253 }) cityPoints!: number;
  @ApiProperty({ description: '省办采用(条) (provincial and national adoptions)', example: 4 }) provincialAdopted!: number;
  @ApiProperty({ description: '加(减)分', example: 120 }) bonus!: number;
  @ApiProperty({ description: '得分 = cityPoints + bonus', example: 373 }) total!: number;
  @ApiProperty({ type: Number, nullable: true, description: '排名; null where the group has none', example: 12 }) rank!: number | null;
}

export class TableGroupShape implements TableGroup {
  @ApiProperty({ enum: ['county', 'city_department', 'central_provincial', 'other'] }) key!: string;
  @ApiProperty({ example: '各县区人民政府' }) title!: string;
  @ApiProperty({ type: [TableRowShape] }) rows!: TableRowShape[];
}

export class TableViewShape implements TableView {
  @ApiProperty({ example: 2017 }) year!: number;
  @ApiProperty({ type: AsOfShape }) asOf!: AsOfShape;
  @ApiProperty({ type: SchemeRefShape, nullable: true, description: 'null when no scheme is recorded for the year' }) scheme!: SchemeRefShape | null;
  @ApiProperty({ type: [TableGroupShape] }) groups!: TableGroupShape[];
}

export class AwardedUnitShape implements AwardedUnit {
  @ApiProperty({ example: 'xinping' }) unitId!: string;
  @ApiProperty({ example: '新平县' }) unit!: string;
  @ApiProperty({ type: Number, nullable: true, example: 1 }) rank!: number | null;
  @ApiProperty({ example: 700 }) target!: number;
  @ApiProperty({ example: 1451 }) total!: number;
}

export class AwardBandShape implements AwardBandView {
  @ApiProperty({ example: '一等奖' }) award!: string;
  @ApiProperty({ description: 'places the scheme gives the band', example: 2 }) count!: number;
  @ApiProperty({ type: [AwardedUnitShape], description: 'in table order; more than count when a tie at the band\'s edge shares it' }) units!: AwardedUnitShape[];
}

export class AwardGroupShape {
  @ApiProperty({ example: 'county' }) key!: string;
  @ApiProperty({ example: '各县区人民政府' }) title!: string;
  @ApiProperty({ type: [AwardBandShape] }) bands!: AwardBandShape[];
}

export class AwardsViewShape implements AwardsView {
  @ApiProperty({ example: 2017 }) year!: number;
  @ApiProperty({ type: AsOfShape }) asOf!: AsOfShape;
  @ApiProperty({ type: SchemeRefShape, nullable: true }) scheme!: SchemeRefShape | null;
  @ApiProperty({ type: [AwardGroupShape], description: 'the groups the scheme gives award bands for' }) groups!: AwardGroupShape[];
}

export class ZeroAdoptionShape {
  @ApiProperty() unitId!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() group!: string;
}

export class MonthlyViewShape extends TableViewShape implements MonthlyView {
  @ApiProperty({ example: '2017-03' }) month!: string;
  @ApiProperty({ type: [ZeroAdoptionShape], description: '信息采用为零: assessed units with no adoption at any level that month' }) zeroAdoption!: ZeroAdoptionShape[];
}

export class CorrectionShape implements CorrectionNote {
  @ApiProperty() factId!: string;
  @ApiProperty({ description: 'the fact it names: the scored fact itself, or one of its corrections (a void of a replacement)' }) corrects!: string;
  @ApiProperty({ enum: ['void', 'replace'] }) correction!: 'void' | 'replace';
  @ApiProperty() reason!: string;
  @ApiProperty() position!: number;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ description: 'false when a later correction voided this one' }) live!: boolean;
}

export class ExplanationItemShape implements ExplanationItem {
  @ApiProperty() factId!: string;
  @ApiProperty({ example: 'InformationAdopted' }) kind!: string;
  @ApiProperty({ example: '2017-03-11' }) validDate!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ description: 'the rule clause that gave the points', example: '《信息专报》 信息: 10' }) rule!: string;
  @ApiProperty({ type: Number, nullable: true }) schemeVersion!: number | null;
  @ApiProperty() points!: number;
  @ApiProperty() runningTotal!: number;
  @ApiProperty({ type: [CorrectionShape] }) corrections!: CorrectionShape[];
}

export class ExplanationShape implements Explanation {
  @ApiProperty() unitId!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: String, nullable: true, example: '2017-03', description: 'the part of the year explained: a month, a quarter (2017-Q1) or merged months (2017-01/02); null: the whole year' }) month!: string | null;
  @ApiProperty({ type: AsOfShape }) asOf!: AsOfShape;
  @ApiProperty({ description: "equals the unit's total in the table asked with the same arguments" }) total!: number;
  @ApiProperty({ type: [ExplanationItemShape], description: 'their points sum to total' }) items!: ExplanationItemShape[];
}

export class ErrorFieldShape {
  @ApiProperty({ example: 'data.unitId' }) field!: string;
  @ApiProperty({ example: 'no registered unit is named 市金融办' }) reason!: string;
}

export class ErrorShape implements ErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'data.unitId: no registered unit is named 市金融办' }) message!: string;
  @ApiPropertyOptional({ type: [ErrorFieldShape], description: 'every offending field, by its path' }) errors?: ErrorFieldShape[];
}

export class AppendOutcomeShape implements AppendOutcome {
  @ApiProperty({ description: 'facts appended' }) appended!: number;
  @ApiProperty({ description: 'facts already stored with the same id and content (idempotent)' }) skipped!: number;
  @ApiProperty({ description: 'the ledger position after the append' }) head!: number;
}
