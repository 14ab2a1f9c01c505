#!/usr/bin/env node
// The `magnet` command: runs cli/main.ts from the server bundle (dist/server/cli.mjs, rebuilt when the sources
// are newer; see scripts/server-bundle.mjs).
import { serverEntry } from '../scripts/server-bundle.mjs';

await import(await serverEntry('cli'));
