import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parse } from 'cookie';
import type { Role } from '../../../libs/credentials';
import { LedgerRuntime } from '../ledger-runtime.service';
import { SERVE_OPTIONS, type ServeOptions } from '../serve-options';
import type { AuthenticatedRequest } from './principal';
import { PUBLIC_KEY, READ_KEY, ROLES_KEY } from './roles.decorator';

/** The cookie the sign-in page sets (SameSite=Strict, HttpOnly): the same token as the bearer header. */
export const TOKEN_COOKIE = 'ledger_token';

/**
 * Every route is closed unless it says who may call it: @Public, @Read (any role; anyone with
 * --demo) or @Allow(roles). 401 without a valid credential, 403 out of role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly runtime: LedgerRuntime,
    @Inject(SERVE_OPTIONS) private readonly options: ServeOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const read = this.reflector.getAllAndOverride<boolean>(READ_KEY, targets) === true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = tokenOf(request);
    const principal = token === null ? null : await this.runtime.credentials.authenticate(token);
    if (principal) request.principal = principal;
    if (read && this.options.demo) return true;
    if (!principal) throw new UnauthorizedException(token === null ? 'a bearer token is required (Authorization: Bearer <token>)' : 'the token is unknown or revoked');
    if (read) return true;
    if (!roles || !roles.includes(principal.role)) throw new ForbiddenException(`role ${principal.role} may not do this${roles ? `; allowed: ${roles.join(', ')}` : ''}`);
    return true;
  }
}

function tokenOf(request: AuthenticatedRequest): string | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? match[1] : '';
  }
  const cookies = request.headers.cookie;
  return cookies ? (parse(cookies)[TOKEN_COOKIE] ?? null) : null;
}
