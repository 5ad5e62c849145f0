import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../openapi-errors';
import { actorOf, CurrentPrincipal, type Principal } from '../auth/principal';
import { Allow } from '../auth/roles.decorator';
import { CreateTokenBody } from '../body.dto';
import { LedgerRuntime } from '../ledger-runtime.service';

/** Credentials (SPEC.md section 8): administrators only. A token is shown once, in the creating response. */
@ApiTags('tokens')
@ApiBearerAuth()
@ApiCommonErrors()
@Controller('api/tokens')
@Allow('admin')
export class TokensController {
  constructor(private readonly runtime: LedgerRuntime) {}

  @Get()
  @ApiOperation({ summary: 'the credentials (never their tokens)' })
  list() {
    return this.runtime.credentials.list();
  }

  @Post()
  @ApiOperation({ summary: 'create a credential; the response carries the token, once' })
  async create(@Body() body: CreateTokenBody, @CurrentPrincipal() principal: Principal) {
    const { token, credential } = await this.runtime.credentials.create(body.role, body.name, actorOf(principal));
    return { ...credential, token };
  }

  @Post(':tokenId/revoke')
  @ApiOperation({ summary: 'revoke a credential' })
  revoke(@Param('tokenId') tokenId: string, @CurrentPrincipal() principal: Principal) {
    return this.runtime.credentials.revoke(tokenId, actorOf(principal));
  }
}
