import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../openapi-errors';
import { AppendOutcomeShape, ErrorShape } from '../openapi-shapes';
import type { Request, Response } from 'express';
import type { FactKind } from '../../../events';
import type { Role } from '../../../libs/credentials';
import { FactForbiddenError, FactRejectedError, ledgerPositionOf, type AppendOutcome } from '../../../libs/ledger';
import { validateFact, FactValidationError, yearProblem } from '../../../libs/validation';
import { parsePublishedTable, reconciliation, reconciliationText } from '../../runtime/published-table';
import { pendingSettlement, settleYear } from '../../runtime/settlement';
import { positionFor } from '../as-of';
import { actorOf, CurrentPrincipal, type Principal } from '../auth/principal';
import { Allow, Read } from '../auth/roles.decorator';
import { LedgerRuntime } from '../ledger-runtime.service';
import { ReconcileQuery } from '../query.dto';

/** Registry and scheme facts are the administrator's; every other kind is recorded by staff. */
const ADMIN_KINDS: ReadonlySet<FactKind> = new Set([
  'SchemePublished', 'SchemeAmended', 'UnitRegistered', 'UnitAliasAdded', 'UnitRenamed', 'UnitEnrolled', 'UnitWithdrawn',
  'UnitTierChanged', 'UnitGroupChanged', 'DirectReportingPointDesignated', 'DirectReportingPointWithdrawn',
]);
/** Kinds the ledger derives itself: through their own routes, never posted. */
const DERIVED_KINDS: ReadonlyMap<FactKind, string> = new Map([
  ['CircularIssued', 'POST /api/circulars'],
  ['QuotaSettled', 'POST /api/settlements/:year'],
]);

function roleFor(type: FactKind): Role {
  return ADMIN_KINDS.has(type) ? 'admin' : 'staff';
}

/** The `:year` of a route, or a 400 naming it. */
function yearParam(year: string): number {
  const problem = yearProblem(year);
  if (problem) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `year: ${year} ${problem}`, errors: [{ field: 'year', reason: `${year} ${problem}` }] });
  return Number(year);
}

/** A rejection of one fact of a posted array names it by its index, as format errors do (`[2].data.unitId`). */
function withIndex(error: unknown, ids: readonly string[]): unknown {
  const indexed = (e: { factId: string; field: string }) => (ids.includes(e.factId) ? `[${ids.indexOf(e.factId)}].${e.field}` : e.field);
  if (error instanceof FactForbiddenError) return new FactForbiddenError(error.factId, indexed(error), error.reason);
  if (!(error instanceof FactRejectedError)) return error;
  const [first, ...others] = error.all().map((e) => new FactRejectedError(e.factId, indexed(e), e.reason));
  return first.alongWith(others);
}


/** Appending facts, the settlement and reconciliation (SPEC.md section 11). */
@ApiTags('ledger')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('api')
export class LedgerController {
  constructor(private readonly runtime: LedgerRuntime) {}

  @Post('facts')
  @Allow('staff', 'admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'append one fact, or an array atomically, in the NDJSON line shape; the actor comes from the credential' })
  @ApiBody({ schema: { oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] }, description: '{ id, type, data, metadata } as docs/facts.md describes each kind' })
  @ApiCreatedResponse({ type: AppendOutcomeShape })
  @ApiConflictResponse({ type: ErrorShape, description: 'another writer kept appending (retries exhausted)' })
  @ApiPayloadTooLargeResponse({ type: ErrorShape, description: 'over the body limit (LEDGER_BODY_LIMIT)' })
  async append(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<AppendOutcome> {
    if (!request.is('application/json')) {
      const reason = `send the facts as application/json, not ${request.get('content-type') ?? 'no content type'}`;
      throw new UnsupportedMediaTypeException({ statusCode: 415, error: 'Unsupported Media Type', message: `(body): ${reason}`, errors: [{ field: '(body)', reason }] });
    }
    const raw = Array.isArray(body) ? body : [body];
    if (raw.length === 0) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: '(body): an empty array holds no fact', errors: [{ field: '(body)', reason: 'an empty array holds no fact' }] });
    const errors: Array<{ field: string; reason: string }> = [];
    const facts = raw.map((item, i) => {
      const prefix = Array.isArray(body) ? `[${i}].` : '';
      try {
        return validateFact(item, { origin: 'api' });
      } catch (error) {
        if (!(error instanceof FactValidationError)) throw error;
        for (const e of error.errors) errors.push({ field: `${prefix}${e.field}`, reason: e.reason });
        return null;
      }
    });
    if (errors.length > 0) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors });
    for (const [i, fact] of facts.entries()) {
      const prefix = Array.isArray(body) ? `[${i}].` : '';
      const route = DERIVED_KINDS.get(fact!.type);
      if (route) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${prefix}type: a ${fact!.type} is derived by the ledger; use ${route}`, errors: [{ field: `${prefix}type`, reason: `derived by the ledger; use ${route}` }] });
    }
    // The role is checked where the ledger decides: a correction needs the role of the kind it corrects.
    const forbids = (kind: FactKind, correctedKind: FactKind | null): string | null => {
      const needed = roleFor(correctedKind ?? kind);
      if (principal.role === needed) return null;
      return correctedKind === null ? `a ${kind} is recorded by ${needed}, not ${principal.role}` : `a correction of a ${correctedKind} is recorded by ${needed}, not ${principal.role}`;
    };
    try {
      return await this.runtime.append(facts.map((fact) => ({ fact: fact! })), actorOf(principal), forbids);
    } catch (error) {
      throw Array.isArray(body) ? withIndex(error, facts.map((fact) => fact!.id)) : error;
    }
  }

  @Post('settlements/:year')
  @Allow('staff')
  @ApiOperation({ summary: 'the year-end settlement of provincial quotas (ledger settle); a rerun appends only differences' })
  settle(@Param('year') year: string, @CurrentPrincipal() principal: Principal) {
    return settleYear(this.runtime.ledger, this.runtime.views, yearParam(year), actorOf(principal));
  }

  @Get('settlements/:year')
  @Read()
  @ApiOperation({ summary: 'what a settlement would append now, appending nothing (ledger settle --check): pending is empty when the live settlement facts are what the rules give' })
  async pendingSettlement(@Param('year') year: string) {
    const forYear = yearParam(year);
    const { position, pending } = await pendingSettlement(this.runtime.ledger, this.runtime.views, forYear);
    return { year: forYear, position, settled: pending.length === 0, pending };
  }

  @Post('reconcile/:year')
  @Read()
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'the published table as CSV, with the columns of data/yuxi-2017-annual-table.csv', schema: { type: 'string' } })
  @ApiOperation({ summary: 'compare a published table with the ledger, cell by cell (ledger reconcile)' })
  reconcile(@Param('year') year: string, @Query() query: ReconcileQuery, @Req() request: Request, @Res({ passthrough: true }) res: Response) {
    const forYear = yearParam(year);
    if (typeof request.body !== 'string' || request.body.trim() === '') {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: '(body): send the published table as text/csv', errors: [{ field: '(body)', reason: 'send the published table as text/csv' }] });
    }
    const published = parsePublishedTable(request.body, '(body)');
    const views = this.runtime.views;
    const result = reconciliation(views.model, views.index, forYear, positionFor(views, query.asOf), published);
    if (query.format !== 'text') return result;
    res.type('text/plain; charset=utf-8');
    return reconciliationText(result);
  }

  @Get('head')
  @Read()
  @ApiOperation({ summary: 'the current ledger position (ledger head)' })
  head() {
    return { position: this.runtime.views.model.position };
  }

  @Get('verify')
  @Read()
  @ApiOperation({ summary: 'check the tamper-evident chain end to end (ledger verify); a break names the ledger position (`ledgerPosition`) and the store position' })
  async verifyChain() {
    const report = await this.runtime.store.verifyChain();
    const named = report.ok ? report : { ...report, ledgerPosition: ledgerPositionOf(report) };
    return JSON.parse(JSON.stringify(named, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
  }
}
