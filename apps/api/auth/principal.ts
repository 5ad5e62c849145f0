import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '../../../libs/credentials';

/** Who is calling: from the credential, never from the request body (SPEC section 8). */
export interface Principal {
  readonly role: Role;
  readonly name: string;
  readonly tokenId: string;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The actor recorded on every fact a request appends. */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.name}`;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
});
