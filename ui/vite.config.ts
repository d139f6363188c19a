import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * tauri.conf.json sets `freezePrototype: true`. ECharts' Scheduler, as it loads, copies
 * every enumerable name of a model prototype onto a plain `{}` mock — `constructor`
 * included — and assigning an inherited name of a frozen `Object.prototype` throws in
 * strict code (the "override mistake"): the whole app would fail to start. Prototype-less
 * mocks take the same assignments. The build fails if the code moved (an ECharts update),
 * so the patch is never silently lost; `freezePrototype.test.tsx` proves it works.
 */
function echartsUnderFrozenPrototype(): Plugin {
  const original = 'var ecModelMock = {};\nvar apiMock = {};';
  return {
    name: 'stardesk:echarts-frozen-prototype',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]echarts[\\/]lib[\\/]core[\\/]Scheduler\.js$/.test(id)) return null;
      if (!code.includes(original)) {
        this.error('echarts/lib/core/Scheduler.js changed: re-check the frozen-prototype patch');
      }
      return code.replace(
        original,
        'var ecModelMock = Object.create(null);\nvar apiMock = Object.create(null);',
      );
    },
  };
}

// The app is served from Tauri's custom protocol (tauri://localhost, http://tauri.localhost),
// so every asset path must be relative, and nothing may be fetched from the network (CSP).
export default defineConfig({
  base: './',
  plugins: [react(), echartsUnderFrozenPrototype()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ['**/src-tauri/**'] },
  },
  // `vite dev` pre-bundles dependencies without the plugins above: patch there too.
  optimizeDeps: { rolldownOptions: { plugins: [echartsUnderFrozenPrototype()] } },
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebView2 (Chromium) on Windows, WKWebView / WebKitGTK elsewhere.
    target: ['es2021', 'chrome105', 'safari15'],
    sourcemap: false,
    // Semi Design alone is ~1 MB minified; it loads from disk, not the network.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Parse-time noise from Semi components this app never uses, which tree-shaking
        // drops (markdown renderer: `''` directives; Lottie: a direct eval). The build
        // output contains neither; the CSP would refuse an eval anyway.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        if (warning.code === 'EVAL' && warning.id?.includes('/lottie-web/')) return;
        warn(warning);
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // A page test renders Semi's whole tree in jsdom: a few seconds on a busy 2-core CI
    // machine, past vitest's 5 s default. A hang still fails, at 30 s.
    testTimeout: 30_000,
    // Semi's ES build imports its own .css files, which Node cannot load: let Vite transform it.
    // ECharts is inlined too, so tests load it with the frozen-prototype patch applied.
    server: { deps: { inline: [/@douyinfe\//, /[\\/]echarts[\\/]/] } },
  },
});
