import fs from 'node:fs';
import { type Figure, round, startServerProcess, stopProcess, tempDir } from '../lib.ts';

/** Cold start to the first 200 on /api/health: an empty PGlite folder, then the same folder loaded. */
export async function benchStartup(): Promise<Figure[]> {
  const dir = tempDir('startup');
  const figures: Figure[] = [];
  try {
    const env = { MAGNET_DATA_DIR: dir, MAGNET_ADMIN_PASSWORD: 'Bench#Admin2026' };
    const empty = await startServerProcess({ ...env, MAGNET_DEMO: '0' });
    figures.push({ name: 'startup.pglite.empty_first_start', value: empty.ms, unit: 'ms' });
    await stopProcess(empty.child);
    const again = await startServerProcess({ ...env, MAGNET_DEMO: '0' });
    figures.push({ name: 'startup.pglite.existing_folder', value: again.ms, unit: 'ms' });
    await stopProcess(again.child);
    fs.rmSync(dir, { recursive: true, force: true });
    const demoDir = tempDir('startup-demo');
    const demo = await startServerProcess({
      MAGNET_DATA_DIR: demoDir,
      MAGNET_ADMIN_PASSWORD: 'Bench#Admin2026',
      MAGNET_DEMO: '1',
    });
    figures.push({ name: 'startup.pglite.first_start_with_demo', value: demo.ms, unit: 'ms' });
    await stopProcess(demo.child);
    const loaded = await startServerProcess({
      MAGNET_DATA_DIR: demoDir,
      MAGNET_ADMIN_PASSWORD: 'Bench#Admin2026',
      MAGNET_DEMO: '1',
    });
    figures.push({ name: 'startup.pglite.demo_folder', value: loaded.ms, unit: 'ms' });
    await stopProcess(loaded.child);
    fs.rmSync(demoDir, { recursive: true, force: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures.map((f) => ({ ...f, value: round(f.value, 0) }));
}
