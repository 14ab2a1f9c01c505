#!/usr/bin/env node
// The `magnet` command: runs cli/main.ts through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
