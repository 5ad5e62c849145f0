/**
 * Roles (SPEC.md section 8): staff append facts and corrections and issue circulars; auditors and
 * the supervision office (督查室) read, replay and verify; administrators manage schemes, units and
 * credentials.
 */
export const ROLES = ['staff', 'auditor', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Every role reads: staff check what they recorded, administrators what they configured. */
export const READERS: readonly Role[] = ROLES;
