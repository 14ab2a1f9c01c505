import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The server as `npm start` runs it, for tests and benches that start it as a process: builds the bundle of
 * the checkout at `root` when it is missing or stale (scripts/server-bundle.mjs, in a child process) and
 * returns the path of `dist/server/main.mjs`; null for a checkout from before the bundle existed.
 */
export function serverBundle(root: string): string | null {
  const builder = path.join(root, 'scripts', 'server-bundle.mjs');
  if (!fs.existsSync(builder)) return null;
  const r = spawnSync(process.execPath, [builder, '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the server bundle failed to build:\n${r.stdout}\n${r.stderr}`);
  return path.join(root, 'dist', 'server', 'main.mjs');
}
