export * from './roles';
export * from './credential-facts';
export * from './credential-store';
