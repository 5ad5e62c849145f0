import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LEDGER_STREAM } from '../../../libs/ledger';
import { StreamNotFoundError } from '../../../libs/store';
import { Public } from '../auth/roles.decorator';
import { LedgerRuntime } from '../ledger-runtime.service';

/**
 * `GET /health`: the store's state and how far the views lag behind it, and whether they follow it
 * live. 503 when the store does not answer, or the views' subscription to it is down (they are
 * then stale: a load balancer should send requests elsewhere until it is back).
 */
@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly runtime: LedgerRuntime) {}

  @Get()
  @ApiOperation({ summary: 'store state and projection lag' })
  async health(@Res() res: Response): Promise<void> {
    const projected = this.runtime.views.model.position;
    const following = this.runtime.views.state;
    const kind = this.runtime.storeUrl.split(':')[0];
    try {
      const head = await this.ledgerHead();
      const projection = { position: projected, lag: head - projected, ...following };
      res.status(following.live ? 200 : 503).json({ status: following.live ? 'ok' : 'degraded', store: { kind, state: 'up', head }, projection });
    } catch (error) {
      res.status(503).json({ status: 'degraded', store: { kind, state: 'down', error: error instanceof Error ? error.message : String(error) }, projection: { position: projected, lag: null, ...following } });
    }
  }

  /** The ledger's head as the store has it now (not as the projection has folded it). */
  private async ledgerHead(): Promise<number> {
    try {
      let last = -1n;
      const head = this.runtime.views.model.position;
      for await (const fact of this.runtime.store.readStream(LEDGER_STREAM, { fromRevision: BigInt(Math.max(head - 1, 0)) })) last = fact.revision;
      return Number(last + 1n);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
  }
}
