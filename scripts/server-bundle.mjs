// The server as plain JavaScript: `server/main.ts` and `cli/main.ts` bundled by esbuild into `dist/server`
// (npm packages stay in node_modules). `npm start` and the `magnet` command run the bundle, so a running
// server carries no TypeScript loader: tsx's loader thread alone holds some 50 MB (issue 6: server RSS).
// The bundle is rebuilt when any source under server/, shared/ or cli/ is newer than it (about a second).
//
//   node scripts/server-bundle.mjs              build now
//   node scripts/server-bundle.mjs --if-stale   only when missing or older than the sources
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'server');
const SOURCES = ['server', 'shared', 'cli'].map((d) => path.join(ROOT, d));
const ENTRIES = { main: 'server/run.ts', cli: 'cli/main.ts' };
const STAMP = path.join(OUT, 'BUILT');

/** The newest modification time of any file under `dir`. */
export function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

function bundleIsStale() {
  if (!fs.existsSync(STAMP)) return true;
  const built = fs.statSync(STAMP).mtimeMs;
  const builder = fs.statSync(fileURLToPath(import.meta.url)).mtimeMs;
  return Math.max(builder, ...SOURCES.filter((d) => fs.existsSync(d)).map(newest)) > built;
}

/**
 * A module that finds files beside its source (`import.meta.url`: the web build, the reference CSVs) must
 * still find them when its code sits in `dist/server`: there, `import.meta.url` is replaced by the URL of
 * its source file, written relative to the bundle so that the checkout may move.
 */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      let contents = await fs.promises.readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const rel = path.relative(OUT, args.path).split(path.sep).join('/');
        contents = contents.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
        );
      }
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * JSON of npm packages (country names) goes into the bundle: kept outside, it would be imported without its
 * `with { type: 'json' }`, which Node refuses.
 */
const packageJson = {
  name: 'package-json',
  setup(build) {
    build.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({
      path: createRequire(path.join(args.resolveDir, 'x.js')).resolve(args.path),
    }));
  },
};

/** Builds the bundle; files are written one by one under temporary names and renamed (atomic per file). */
export async function buildServerBundle() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    // one folder: every file of the bundle is at the same depth, which `sourceUrls` relies on
    chunkNames: '[name]-[hash]',
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
    plugins: [sourceUrls, packageJson],
  });
  fs.mkdirSync(OUT, { recursive: true });
  const written = new Set();
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
    written.add(path.basename(file.path));
  }
  // chunks of earlier builds go once they are old enough that no process can still be loading them
  for (const name of fs.readdirSync(OUT)) {
    const p = path.join(OUT, name);
    if (!written.has(name) && name !== 'BUILT' && Date.now() - fs.statSync(p).mtimeMs > 10 * 60_000)
      fs.rmSync(p, { force: true });
  }
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/**
 * The URL of an entry of the bundle, built first when it is missing or stale: `main` (importing it starts the
 * server) or `cli` (importing it runs the `magnet` command).
 */
export async function serverEntry(name) {
  if (process.env.MAGNET_SKIP_BUILD !== '1' && bundleIsStale()) await buildServerBundle();
  return pathToFileURL(path.join(OUT, `${name}.mjs`)).href;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  if (process.argv.includes('--if-stale') && !bundleIsStale()) process.exit(0);
  await buildServerBundle();
  console.log(`server bundle: ${path.relative(ROOT, OUT)} (${Date.now() - started} ms)`);
}
