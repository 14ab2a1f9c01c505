import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Vendor chunks: react, antd and echarts each load on their own (echarts only with a chart page). */
const VENDOR_GROUPS: Array<{ name: string; test: RegExp; priority: number }> = [
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
    name: 'vendor-antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@babel[\\/]runtime|dayjs|stylis|@emotion)[\\/]/,
    priority: 20,
  },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
];

export default defineConfig({
  root: path.join(ROOT, 'web'),
  publicDir: path.join(ROOT, 'web', 'public'),
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
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
