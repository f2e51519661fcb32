import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// In development the API runs beside Vite; the built app is served by the server itself from dist/.
const apiTarget = process.env.CREDITBRIDGE_API_URL ?? 'http://127.0.0.1:4010';

/**
 * The app's first module (src/main.tsx) is small and loads the rest (src/app/start.tsx) itself, after it
 * has started the opening page's chunks and reads. This lists that rest in index.html as modulepreload and
 * stylesheet links, so that the browser fetches it alongside the first module instead of after it.
 */
function preloadAppStart(): Plugin {
  return {
    name: 'creditbridge:preload-app-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const start = Object.values(bundle).find(
          (output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/src/app/start.tsx'),
        );
        if (start?.type !== 'chunk') return [];
        const files = new Set<string>([start.fileName]);
        const queue = [...start.imports];
        while (queue.length > 0) {
          const name = queue.shift() as string;
          if (files.has(name)) continue;
          files.add(name);
          const chunk = bundle[name];
          if (chunk?.type === 'chunk') queue.push(...chunk.imports);
        }
        // What index.html already loads (the first module and its imports) is not listed twice.
        const listed = (name: string) =>
          html.includes(`/${name}"`) ||
          bundle[name]?.type !== 'chunk' ||
          (bundle[name] as { isEntry?: boolean }).isEntry;
        for (const name of [...files]) if (listed(name)) files.delete(name);
        const css = [...(start.viteMetadata?.importedCss ?? [])];
        return [
          ...css.map((href) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `/${href}` },
            injectTo: 'head' as const,
          })),
          ...[...files].map((href) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${href}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), preloadAppStart()],
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
