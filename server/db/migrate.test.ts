import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.ts';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

describe('the list of migrations', () => {
  it('names every migration file of the folder, each loading its own module with an `up`', async () => {
    const files = fs
      .readdirSync(DIR)
      .filter((f) => f !== 'index.ts')
      .sort();
    // every file is a migration by its name; a file named otherwise would never run
    for (const f of files) expect(f).toMatch(/^\d{14}-[a-z0-9-]+\.ts$/);
    expect(Object.keys(MIGRATIONS).sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')));
    for (const [name, load] of Object.entries(MIGRATIONS)) {
      const mod = await load();
      expect(typeof mod.up, name).toBe('function');
    }
  });
});
