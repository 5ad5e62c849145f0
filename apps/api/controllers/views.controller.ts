import { BadRequestException, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../openapi-errors';
import { AwardsViewShape, ErrorShape, ExplanationShape, MonthlyViewShape, TableViewShape } from '../openapi-shapes';
import type { Response } from 'express';
import { canonicalJson } from '../../../libs/canonical';
import { awardsToCsv, explanationToText } from '../../../libs/rendering';
import { annualTable, awardsView, explain, history, monthlyView, partOfYear } from '../../../projections';
import { positionFor, sincePosition } from '../as-of';
import { Read } from '../auth/roles.decorator';
import { LedgerRuntime } from '../ledger-runtime.service';
import { AwardsQuery, ExplainQuery, HistoryQuery, TableQuery } from '../query.dto';
import { send, sendMonthly, sendTable } from '../renderings';
import { dayOrMonthRangeProblem, yearProblem } from '../../../libs/validation';


function badParam(field: string, reason: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${field}: ${reason}`, errors: [{ field, reason }] });
}

/** The score views of SPEC.md section 11, the same as `ledger table / monthly / explain / history`. */
@ApiTags('views')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('api')
@Read()
export class ViewsController {
  constructor(private readonly runtime: LedgerRuntime) {}

  @Get('tables/:year')
  @ApiOperation({ summary: 'the January-December statistics table (ledger table)' })
  @ApiParam({ name: 'year', example: '2017' })
  @ApiOkResponse({ type: TableViewShape, description: 'format=json (the default); csv, html, xlsx and md are renderings of it' })
  table(@Param('year') year: string, @Query() query: TableQuery, @Res() res: Response): Promise<void> {
    const problem = yearProblem(year);
    if (problem) throw badParam('year', `${year} ${problem}`);
    const views = this.runtime.views;
    return sendTable(res, annualTable(views.model, Number(year), positionFor(views, query.asOf), views.index), query.format ?? 'json');
  }

  @Get('awards/:year')
  @ApiOperation({ summary: "the awards by band: by rank, to units that completed their task, as many as the scheme's bands give (ledger awards)" })
  @ApiParam({ name: 'year', example: '2017' })
  @ApiOkResponse({ type: AwardsViewShape, description: 'format=json (the default); format=csv is one record per unit awarded' })
  awards(@Param('year') year: string, @Query() query: AwardsQuery, @Res() res: Response): void {
    const problem = yearProblem(year);
    if (problem) throw badParam('year', `${year} ${problem}`);
    const views = this.runtime.views;
    const awards = awardsView(views.model, Number(year), positionFor(views, query.asOf), views.index);
    if (query.format === 'csv') send(res, 'text/csv; charset=utf-8', awardsToCsv(awards), `awards-${year}.csv`);
    else res.json(awards);
  }

  @Get('monthly/:month')
  @ApiOperation({ summary: 'the monthly completion view and the units with zero adoptions (ledger monthly)' })
  @ApiParam({ name: 'month', example: '2017-03' })
  @ApiOkResponse({ type: MonthlyViewShape, description: 'format=json (the default); csv, html, xlsx and md are renderings of it' })
  monthly(@Param('month') month: string, @Query() query: TableQuery, @Res() res: Response): Promise<void> {
    if (partOfYear(month) === null) throw badParam('month', `${month} is not a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)`);
    const views = this.runtime.views;
    return sendMonthly(res, monthlyView(views.model, month, positionFor(views, query.asOf), views.index), query.format ?? 'json');
  }

  @Get('units/:unit/explain')
  @ApiOperation({ summary: "every point of a unit's score (ledger explain)" })
  @ApiParam({ name: 'unit', description: 'unit id or any of its names', example: '市发展改革委' })
  @ApiOkResponse({ type: ExplanationShape, description: 'format=json (the default); format=text is a printable trail' })
  @ApiNotFoundResponse({ type: ErrorShape, description: 'no registered unit has that name' })
  explain(@Param('unit') unit: string, @Query() query: ExplainQuery, @Res() res: Response): void {
    const year = query.year ?? query.month?.slice(0, 4);
    if (year === undefined) throw badParam('year', 'is required (or a month)');
    if (query.month !== undefined && !query.month.startsWith(`${year}-`)) throw badParam('month', `${query.month} is not in year ${year}`);
    const views = this.runtime.views;
    const explanation = explain(views.model, unit.trim(), Number(year), query.month ?? null, positionFor(views, query.asOf)); // names are registered without surrounding spaces
    if (query.format === 'text') send(res, 'text/plain; charset=utf-8', explanationToText(explanation));
    else res.json(explanation);
  }

  @Get('history')
  @ApiOperation({ summary: 'the facts themselves, with who recorded them and when (ledger history)' })
  history(@Query() query: HistoryQuery, @Res() res: Response): void {
    const views = this.runtime.views;
    const unit = query.unit?.trim();
    if (unit !== undefined && !views.model.names.has(unit)) throw badParam('unit', `no registered unit is named ${unit}`);
    const inverted = query.from !== undefined && query.to !== undefined ? dayOrMonthRangeProblem(query.from, query.to) : null;
    if (inverted) throw badParam('to', inverted);
    const after = query.since === undefined ? undefined : sincePosition(views, query.since);
    const entries = history(views.model, { unit, type: query.type, from: query.from, to: query.to, after }, positionFor(views, query.asOf));
    if (query.format === 'ndjson') send(res, 'application/x-ndjson; charset=utf-8', entries.map((e) => `${canonicalJson(e)}\n`).join(''));
    else res.json(entries);
  }
}
