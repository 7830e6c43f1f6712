import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths the Keyward server answers; everything else is the SPA.
const serverPaths = ['/graphql', '/auth', '/oauth2', '/.well-known', '/pki', '/healthz', '/readyz', '/metrics'];

const apiUrl = process.env.KEYWARD_API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
  },
  server: {
    proxy: Object.fromEntries(serverPaths.map((path) => [path, { target: apiUrl, changeOrigin: false }])),
  },
});
