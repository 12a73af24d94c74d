import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer, built once and served by both hosts (Electron's app: protocol, the web host). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
});
