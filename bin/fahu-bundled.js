#!/usr/bin/env node
// The `fahu` command. Runs the compiled CLI (npm install builds it into dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('fahu 尚未编译：请先在项目目录运行 npm install（或 npm run build）。\n');
  process.exit(2);
}
// a closed pipe (fahu … | head) ends the output quietly
process.stdout.on('error', (e) => process.exit(e.code === 'EPIPE' ? 0 : 1));
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));
