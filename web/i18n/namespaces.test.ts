import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The message namespaces outside the core catalogue load with the pages that use them (`page(…, [names])`
 * in router.tsx, `NAMESPACES` in index.ts). A page whose files, or the files they import, use a namespace
 * the route does not load would show raw keys on a fresh load: this follows the static imports from every
 * page and from the entry and compares.
 */
const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

const NAMESPACES = [
  ...read(path.join(WEB, 'i18n', 'index.ts')).matchAll(/^ {2}(\w+): \(\) => import\(/gm),
].map((m) => m[1]);

/** Relative value imports (type-only ones do not load anything). */
function importsOf(file: string): string[] {
  const src = read(file);
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'(\.[^']+)'/gm)) {
    if (m[2]) continue;
    const target = path.resolve(path.dirname(file), m[3]);
    if (fs.existsSync(target)) out.push(target);
  }
  return out;
}

/** The namespaces a file's own text uses (`t('projects.…')`, keys in tables, template keys). */
function namespacesUsedBy(file: string): string[] {
  if (file.endsWith('messages.ts') || file.includes(`${path.sep}i18n${path.sep}`)) return [];
  const src = read(file);
  return NAMESPACES.filter((ns) => new RegExp(`['"\`]${ns}\\.[A-Za-z$]`).test(src));
}

/** Namespace → the files that use it, over the static import closure of `file`. */
function usedFrom(file: string): Map<string, string[]> {
  const seen = new Set<string>();
  const used = new Map<string, string[]>();
  const stack = [file];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const ns of namespacesUsedBy(f)) used.set(ns, [...(used.get(ns) ?? []), path.relative(WEB, f)]);
    stack.push(...importsOf(f));
  }
  return used;
}

const ROUTER = path.join(WEB, 'app', 'router.tsx');
const pages = [
  ...read(ROUTER).matchAll(/\bpage\(\s*\(\) => import\('([^']+)'\),\s*'(\w+)',?\s*(?:\[([^\]]*)\])?/g),
].map((m) => ({
  file: path.resolve(path.dirname(ROUTER), m[1]),
  name: m[2],
  declared: [...(m[3] ?? '').matchAll(/'(\w+)'/g)].map((x) => x[1]),
}));

describe('message namespaces', () => {
  it('finds the namespaces and the pages', () => {
    expect(NAMESPACES).toContain('projects');
    expect(NAMESPACES).toContain('uikit');
    expect(pages.length).toBeGreaterThan(30);
    expect(pages.map((p) => p.name)).toContain('AppShell');
  });

  it.each(pages.map((p) => [p.name, p] as const))('%s loads every namespace it uses', (_name, p) => {
    const missing = [...usedFrom(p.file)].filter(([ns]) => !p.declared.includes(ns));
    expect(Object.fromEntries(missing)).toEqual({});
    for (const ns of p.declared) expect(NAMESPACES).toContain(ns);
  });

  it('the first download (main.tsx and what it imports) uses the core catalogue only', () => {
    expect(Object.fromEntries(usedFrom(path.join(WEB, 'main.tsx')))).toEqual({});
  });
});
