import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs beside Vite; the built app is served by the server itself from dist/.
const apiTarget = process.env.CREDITBRIDGE_API_URL ?? 'http://127.0.0.1:4010';

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget },
      '/docs': { target: apiTarget },
    },
  },
  preview: { port: 4173 },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});
