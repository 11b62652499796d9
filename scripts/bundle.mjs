// Experiment (round 14, reverted): bundle the compiled CLI (dist/src/cli/main.js) and the Word worker
// (dist/src/node/pool-worker.js) with esbuild into dist/bundle/ (ESM, code splitting, packages external), run by
// bin/fahu-bundled.js. import.meta.url in a bundled module is rewritten to the URL of its own dist/ file, so the
// compiled-rule cache key (codeFingerprint reads the dist/ files beside it) and every path found relative to a module
// stay what they are unbundled (checked: the same rules-yaml-compiled file is used). OUT=dist/bundle1 bundles without
// splitting (one file each).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const outdir = resolve(root, process.env.OUT ?? 'dist/bundle');
const keepUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      if (text.includes('import.meta.url')) {
        const rel = relative(outdir, args.path).split('\\').join('/');
        text = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
        if (args.path.endsWith('/node/worker-pool.js')) text = text.replace("'./pool-worker.js'", JSON.stringify(relative(dirname(args.path), resolve(outdir, 'pool-worker.js'))));
      }
      return { contents: text, loader: 'js' };
    });
  },
};
const r = await build({
  entryPoints: { main: resolve(root, 'dist/src/cli/main.js'), 'pool-worker': resolve(root, 'dist/src/node/pool-worker.js') },
  outdir,
  bundle: true,
  splitting: !process.env.OUT,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  plugins: [keepUrls],
  metafile: true,
  logLevel: 'warning',
});
console.log(Object.keys(r.metafile.inputs).length, 'modules');
