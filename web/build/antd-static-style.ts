import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ThemeConfig } from 'antd';
import type { Plugin } from 'vite';

/**
 * antd writes its component styles at run time (CSS-in-JS): the first render of each component builds its
 * style objects, serialises them and inserts a `<style>` — on the project list that was a third of the
 * browser's script time before the first rows. This plugin renders every antd component once at build time
 * with the app's theme, and ships the result as one static style sheet linked from index.html. The sheet
 * carries antd's own cache map (`.data-ant-cssinjs-cache-path`), from which @ant-design/cssinjs learns that a
 * component's style is already on the page and skips building it; a component the sheet lacks still gets
 * its style at run time, as before.
 *
 * Only the components the app uses go in (those imported from 'antd' under `web/`, and those antd renders
 * inside them): with all of antd the sheet was 1.2 MB of CSS that the browser parsed and matched against
 * before the first paint of every page.
 */
export function antdStaticStyle(theme: ThemeConfig, webDir: string): Plugin {
  let href = '';
  let base = '/';
  return {
    name: 'magnet:antd-static-style',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    async buildStart() {
      // the class hashes differ between development and production builds of antd
      const env = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      const warn = console.error;
      // antd warns about the deprecated components it is asked to render; they are not the app's
      console.error = (...args: unknown[]) => {
        if (!String(args[0]).startsWith('Warning: [antd')) warn(...args);
      };
      try {
        const [{ createElement }, { ConfigProvider }, { extractStyle }] = await Promise.all([
          import('react'),
          import('antd'),
          import('@ant-design/static-style-extract'),
        ]);
        const css = extractStyle({
          customTheme: (node) => createElement(ConfigProvider, { theme }, node),
          includes: usedComponents(webDir),
        });
        const fileName = `assets/antd-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
        this.emitFile({ type: 'asset', fileName, source: css });
        href = `${base}${fileName}`;
      } finally {
        console.error = warn;
        // assigning undefined would leave the string 'undefined'
        if (env === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = env;
      }
    },
    transformIndexHtml() {
      // before the app's own style sheet, which may override antd's
      return [{ tag: 'link', attrs: { rel: 'stylesheet', href }, injectTo: 'head-prepend' }];
    },
  };
}

/** What antd renders inside the components the app imports (a table's pager, a select's empty list …). */
const INNER = [
  'Button',
  'Checkbox',
  'Dropdown',
  'Empty',
  'Input',
  'Menu',
  'Pagination',
  'Popover',
  'Radio',
  'Select',
  'Spin',
  'Tooltip',
  'Tree',
  'Typography',
  'message',
  'notification',
];

/** The antd components imported under `dir` (`import { Button, Table } from 'antd'`), with `INNER`. */
export function usedComponents(dir: string): string[] {
  const names = new Set(INNER);
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'antd'/g)) {
          for (const part of m[1].split(',')) {
            const name = part.trim().split(/\s+as\s+/)[0];
            if (/^[A-Z]\w*$/.test(name)) names.add(name);
          }
        }
      }
    }
  };
  visit(dir);
  return [...names].sort();
}
