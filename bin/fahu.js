#!/usr/bin/env node
// The `fahu` command. Runs the compiled CLI (npm install builds it into dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// `fahu review` / `fahu parse` run once and exit, and V8's optimising compiler (TurboFan, partly on background threads)
// optimises code that runs a few hundred ms more at most. A larger interrupt budget (the bytecode a function runs
// before it is considered for optimisation; V8's default is 67,584) leaves only the really hot code to it: on the 60k
// .docx 33 functions optimised instead of 73 and whole-process CPU ~0.1-0.35 s lower, findings byte-identical
// (README speed paragraph, round 14). Set before any of fahu loads; the worker threads share the flag. Not for the
// server or the batch commands, which run long enough for optimised code to pay. FAHU_V8_BUDGET=0 keeps V8's default.
const budget = process.env.FAHU_V8_BUDGET ?? '600000';
if ((process.argv[2] === 'review' || process.argv[2] === 'parse') && /^[1-9][0-9]{0,8}$/.test(budget)) setFlagsFromString(`--interrupt-budget=${budget}`);

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('fahu 尚未编译：请先在项目目录运行 npm install（或 npm run build）。\n');
  process.exit(2);
}
// a closed pipe (fahu … | head) ends the output quietly
process.stdout.on('error', (e) => process.exit(e.code === 'EPIPE' ? 0 : 1));
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));
