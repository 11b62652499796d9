/**
 * `npm run fuzz [cases] [seed] [first]`: 20,000 mutated inputs by default through the ingest (cases first …
 * first + cases − 1, so a run can be split over processes; .doc/.wps/PDF mutations go through word-extractor and
 * pdfjs in-process); prints crashes, hangs, the refusal codes, the slowest
 * case and the peak RSS of the process. Exit 1 on any crash or hang.
 */
import { packagePath } from '../src/node/package-root.js';
import { runFuzz } from './fuzz-run.js';

const cases = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 20261203);
const first = Number(process.argv[4] ?? 0);
const report = await runFuzz(packagePath(), seed, cases, 5000, { from: first, legacy: true, onProgress: (n, r) => process.stderr.write(`  ${n} / ${cases}: read ${r.read}, refused ${r.refused}, crashes ${r.crashes.length}, hangs ${r.hangs.length}, slowest ${Math.round(r.slowestMs)} ms, RSS ${Math.round(r.peakRssMb)} MB\n`) });
console.log(`fuzz: ${report.cases} inputs (seed ${seed}, cases ${first}–${first + report.cases - 1}) in ${report.seconds} s`);
console.log(`  read ${report.read}, refused cleanly ${report.refused}, crashes ${report.crashes.length}, hangs (> 5 s) ${report.hangs.length}`);
console.log(`  slowest case ${Math.round(report.slowestMs)} ms, peak RSS ${report.peakRssMb} MB`);
console.log(`  refusals: ${Object.entries(report.codes).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
for (const c of report.crashes.slice(0, 20)) console.log(`  CRASH ${c.name}: ${c.error}`);
for (const h of report.hangs.slice(0, 20)) console.log(`  HANG ${h.name}: ${h.ms} ms`);
process.exitCode = report.crashes.length > 0 || report.hangs.length > 0 ? 1 : 0;
