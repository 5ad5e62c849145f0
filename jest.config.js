// NestJS 12 ships ES modules only; jest loads CommonJS, so swc transpiles
// them (and our TypeScript) to CommonJS. Decorator metadata is needed for Nest's DI.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/libs', '<rootDir>/events', '<rootDir>/projections', '<rootDir>/apps'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|nest-commander|uuid)/)'],
  // Relative imports written with .js (TypeScript nodenext) resolve to the .ts sources.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30000,
  // One fast-check seed for the whole suite (FC_SEED to replay another, FC_SEED=random to search).
  setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],
};
