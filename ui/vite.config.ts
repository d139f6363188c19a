import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The app is served from Tauri's custom protocol (tauri://localhost, http://tauri.localhost),
// so every asset path must be relative, and nothing may be fetched from the network (CSP).
export default defineConfig({
  base: './',
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ['**/src-tauri/**'] },
  },
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
    // Semi's ES build imports its own .css files, which Node cannot load: let Vite transform it.
    server: { deps: { inline: [/@douyinfe\//] } },
  },
});
