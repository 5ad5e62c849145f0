import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../../libs/credentials';

export const ROLES_KEY = 'ledger:roles';
export const PUBLIC_KEY = 'ledger:public';
export const READ_KEY = 'ledger:read';

/** Only these roles may call the route. */
export const Allow = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Any role may call it; with --demo, anyone at all (SPEC section 11: --demo opens reading to anyone). */
export const Read = () => SetMetadata(READ_KEY, true);
/** No credential needed (health, the sign-in page, the API documentation). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
