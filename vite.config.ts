import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { theme } from './web/app/theme.ts';
import { antdStaticStyle } from './web/build/antd-static-style.ts';
import { precompress } from './web/build/precompress.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * Manual chunks only where automatic splitting would do worse: echarts and ExcelJS stay in chunks of their own
 * that only the pages drawing charts or building workbooks load, and react (with its router) is one long-lived
 * chunk for caching. Everything else (antd included) is split by rolldown per importer, so the first
 * download holds what the entry imports (i18n, auth, router, antd's ConfigProvider/App) and each lazy page
 * brings the components it uses. No catch-all vendor group: one would pull every library any page uses into
 * the first download.
 */
const VENDOR_GROUPS: Array<{ name: string; test: RegExp; priority: number }> = [
  { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
  { name: 'vendor-exceljs', test: /node_modules[\\/]exceljs[\\/]/, priority: 36 },
  {
    name: 'vendor-react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-is)[\\/]/,
    priority: 30,
  },
];

export default defineConfig({
  root: path.join(ROOT, 'web'),
  publicDir: path.join(ROOT, 'web', 'public'),
  plugins: [react(), antdStaticStyle(theme, path.join(ROOT, 'web')), precompress()],
  server: {
    port: 5173,
    // only the server's paths: `/api/` alone would also catch the source folder web/api/
    proxy: {
      '/api/v1': { target: 'http://127.0.0.1:8080', changeOrigin: false },
      '/api/docs': { target: 'http://127.0.0.1:8080', changeOrigin: false },
      '/api/health': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: path.join(ROOT, 'dist', 'web'),
    emptyOutDir: true,
    sourcemap: false,
    // which chunks each page needs (the web bench sums the login page's)
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      treeshake: {
        // antd's internals (@rc-component/*) declare no `sideEffects` in their package.json, so one import
        // from a package kept all of it (a form context import brought the whole form library into the
        // first download). They have no import-time side effects: their unused modules may go.
        moduleSideEffects: [{ test: /node_modules[\\/]@rc-component[\\/]/, sideEffects: false }],
      },
      output: {
        codeSplitting: { groups: VENDOR_GROUPS },
      },
    },
  },
});
