import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** antd data components and their rc-component internals (see `vendor-antd-data`). */
const ANTD_DATA =
  /node_modules[\\/](antd[\\/]es[\\/](table|date-picker|calendar|time-picker|tree|tree-select|select|cascader|auto-complete|pagination|descriptions|collapse|checkbox|radio|switch|input-number|upload|transfer|segmented|statistic|steps|timeline|image|progress|slider|rate|color-picker|mentions|qr-code|tour|carousel)|@rc-component[\\/](table|picker|tree|tree-select|select|cascader|pagination|virtual-list|checkbox|switch|input-number|upload|segmented|steps|image|progress|slider|rate|color-picker|mentions|qrcode|tour|collapse|mini-decimal))[\\/]/;

const ANTD_CORE =
  /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@babel[\\/]runtime|dayjs|stylis|@emotion)[\\/]/;
const isAntdData = (id: string) => ANTD_DATA.test(id) && !/[\\/]locale[\\/]/.test(id);

/** Vendor chunks: react, antd and echarts each load on their own (echarts only with a chart page). */
const VENDOR_GROUPS: Array<{ name: string; test: RegExp | ((id: string) => boolean); priority: number }> = [
  { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
  // Libraries only lazy pages use get their own chunks, so that the catch-all `vendor` below (loaded with the
  // shell) stays small: ExcelJS alone (only pages that build workbooks), then schemas, decimals, country names
  // and virtual lists.
  { name: 'vendor-exceljs', test: /node_modules[\\/]exceljs[\\/]/, priority: 36 },
  {
    name: 'vendor-lazy',
    test: /node_modules[\\/](zod|decimal\.js|i18n-iso-countries|@tanstack[\\/](react-virtual|virtual-core))[\\/]/,
    priority: 35,
  },
  {
    name: 'vendor-react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-is)[\\/]/,
    priority: 30,
  },
  {
    // antd's data-entry and data-display components (tables, pickers, trees, selects) load with the pages that
    // use them, so the login page and the shell stay light. Their locales stay with the shell (ConfigProvider).
    name: 'vendor-antd-data',
    test: isAntdData,
    priority: 25,
  },
  {
    // antd's core (layout, menu, form, buttons, modal, message…), before the data group so that what the shell
    // needs, and everything it imports, stays here.
    name: 'vendor-antd',
    test: (id: string) => ANTD_CORE.test(id) && !isAntdData(id),
    priority: 26,
  },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
];

export default defineConfig({
  root: path.join(ROOT, 'web'),
  publicDir: path.join(ROOT, 'web', 'public'),
  plugins: [react()],
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
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: VENDOR_GROUPS },
      },
    },
  },
});
