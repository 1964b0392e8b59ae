#!/usr/bin/env node
// The `tenantatlas` command. The server runs from TypeScript sources through tsx's loader, so there is
// no separate server build step to forget (docs/ARCHITECTURE.md, "Running TypeScript").
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
