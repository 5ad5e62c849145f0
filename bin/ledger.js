#!/usr/bin/env node
// `npx ledger ...` from a checkout: the CLI compiled by `npm run build` (run by `prepare` on npm ci).
require('../dist/apps/cli/main.js');
