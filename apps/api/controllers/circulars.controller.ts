import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../openapi-errors';
import type { Response } from 'express';
import { parseDocumentNumber } from '../../../projections';
import { listedCircular } from '../../circulars/circular-desk';
import { restateCircular, restatementToText } from '../../runtime/restatement';
import { actorOf, CurrentPrincipal, type Principal } from '../auth/principal';
import { Allow, Read } from '../auth/roles.decorator';
import { IssueCircularBody } from '../body.dto';
import { LedgerRuntime } from '../ledger-runtime.service';
import { CircularListQuery, CircularQuery, RestatementQuery } from '../query.dto';
import { send, sendCircular } from '../renderings';

/** Circulars (SPEC.md section 7): issue, list, show, verify, and the restatement report. */
@ApiTags('circulars')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('api/circulars')
export class CircularsController {
  constructor(private readonly runtime: LedgerRuntime) {}

  @Get()
  @Read()
  @ApiOperation({ summary: 'the circulars issued (ledger circular list), of one kind or period when asked' })
  list(@Query() query: CircularListQuery) {
    return this.runtime.desk.list({ kind: query.kind, period: query.period }).map(listedCircular);
  }

  @Post()
  @Allow('staff')
  @ApiOperation({ summary: 'compute and record a circular (ledger circular issue); staff only' })
  async issue(@Body() body: IssueCircularBody, @CurrentPrincipal() principal: Principal) {
    const request = { kind: body.kind, period: body.period, document: parseDocumentNumber(body.number), issueDate: body.date, paragraphs: body.paragraphs ?? undefined, attachments: body.attachments ?? undefined, disclosure: body.disclosure ?? undefined }; // null: none
    const { circular } = await this.runtime.desk.issue(request, actorOf(principal));
    return listedCircular(circular);
  }

  @Get(':id')
  @Read()
  @ApiOperation({ summary: 'a circular as derived at its position, in any rendering (ledger circular show)' })
  show(@Param('id') id: string, @Query() query: CircularQuery, @Res() res: Response): Promise<void> {
    const desk = this.runtime.desk;
    return sendCircular(res, desk.contentOf(desk.find(id)), query.format ?? 'json');
  }

  @Post(':id/verify')
  @Read()
  @HttpCode(200)
  @ApiOperation({ summary: 're-derive a circular at its position and compare digests (ledger circular verify)' })
  verify(@Param('id') id: string) {
    return this.runtime.desk.verify(id);
  }

  @Get(':id/restatement')
  @Read()
  @ApiOperation({ summary: 'as published beside as the ledger says now, with the facts that made each difference' })
  restatement(@Param('id') id: string, @Query() query: RestatementQuery, @Res() res: Response): void {
    const restated = restateCircular(this.runtime.desk, this.runtime.views, id);
    if (query.format === 'text') send(res, 'text/plain; charset=utf-8', restatementToText(restated));
    else res.json(restated);
  }
}
