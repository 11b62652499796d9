/** Text and WebAssembly modules as wrangler bundles them (wrangler.toml [[rules]]). */
declare module '*.yaml' {
  const text: string;
  export default text;
}
declare module '*.tsv' {
  const text: string;
  export default text;
}
declare module '*.dict' {
  const text: string;
  export default text;
}
declare module '*.jsonl' {
  const text: string;
  export default text;
}
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
/** exceljs's browser build (src/workers/xlsx.ts); typed structurally in src/cleanup/exceljs-sheets.ts. */
declare module 'exceljs/dist/exceljs.min.js' {
  const lib: unknown;
  export default lib;
}
