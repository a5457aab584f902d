import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** The web app, built into dist/apps/web beside the API that serves it (docs/web-app.md). */
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: resolve(here, '../../dist/apps/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npx vite apps/web` while the API runs on :3000: the app's requests go to it.
    proxy: {
      '^/(structures|fetch-jobs|analysis-types|events|session|socket.io)': {
        target: 'http://127.0.0.1:3000',
        ws: true,
      },
    },
  },
});
