/**
 * 信创 browsers (奇安信, UOS, 麒麟) are Chromium 90–93: the shipped page script and CSS must
 * use nothing newer than Chromium 90. esbuild builds both with a `chrome90` target: anything it
 * would have to lower (newer syntax, CSS nesting …) means the shipped file, which goes out as
 * it is, is too new, and anything it cannot lower fails the build. Built-ins are no syntax, so
 * those newer than Chromium 90 (and CSS it leaves alone, like :has()) are looked for by name.
 */
import { transform, type Message } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { APP_CSS } from '../../src/server/assets/app-css.js';
import { APP_JS } from '../../src/server/assets/app-js.js';

const text = (messages: Message[]) => messages.map((m) => `${m.text} (${m.location?.line ?? '?'}:${m.location?.column ?? '?'}: ${m.location?.lineText.trim() ?? ''})`);

/** Built at `target` and at esnext; the same output means nothing had to be lowered. */
async function lowered(code: string, loader: 'js' | 'css'): Promise<{ errors: string[]; warnings: string[]; changed: boolean }> {
  try {
    const old = await transform(code, { loader, target: 'chrome90', logLevel: 'silent' });
    const now = await transform(code, { loader, target: 'esnext', logLevel: 'silent' });
    return { errors: [], warnings: text(old.warnings), changed: old.code !== now.code };
  } catch (e) {
    return { errors: text((e as { errors?: Message[] }).errors ?? []), warnings: [], changed: true };
  }
}

/** Built-ins and CSS newer than Chromium 90 that no build lowers. */
const NEWER_JS: [RegExp, string][] = [
  [/\.at\(/, 'Array/String.prototype.at (Chromium 92)'],
  [/Object\.hasOwn\b/, 'Object.hasOwn (Chromium 93)'],
  [/\.findLast(Index)?\(/, 'Array.prototype.findLast (Chromium 97)'],
  [/\bstructuredClone\b/, 'structuredClone (Chromium 98)'],
  [/\bAbortSignal\.timeout\b/, 'AbortSignal.timeout (Chromium 103)'],
  [/\.toSorted\(|\.toReversed\(|\.with\(/, 'change-array-by-copy (Chromium 110)'],
  [/\bcrypto\.randomUUID\b/, 'crypto.randomUUID (Chromium 92)'],
];
const NEWER_CSS: [RegExp, string][] = [
  [/:has\(/, ':has() (Chromium 105)'],
  [/@container\b/, 'container queries (Chromium 105)'],
  [/@layer\b/, 'cascade layers (Chromium 99)'],
  [/\b(svh|lvh|dvh)\b/, 'small/large/dynamic viewport units (Chromium 108)'],
  [/accent-color/, 'accent-color (Chromium 93)'],
];

describe('the shipped page assets run on Chromium 90', () => {
  it('the script builds for chrome90 without lowering anything', async () => {
    const r = await lowered(APP_JS, 'js');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.changed, 'esbuild had to lower syntax newer than Chromium 90').toBe(false);
  });

  it('the CSS builds for chrome90 without lowering anything (no nesting …)', async () => {
    const r = await lowered(APP_CSS, 'css');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.changed, 'esbuild had to lower CSS newer than Chromium 90').toBe(false);
  });

  it('uses no built-in or CSS feature newer than Chromium 90', () => {
    const js = NEWER_JS.filter(([re]) => re.test(APP_JS)).map(([, what]) => what);
    const css = NEWER_CSS.filter(([re]) => re.test(APP_CSS)).map(([, what]) => what);
    expect([...js, ...css]).toEqual([]);
  });

  it('the check is real: it catches what it looks for', async () => {
    expect((await lowered('a { b { color: red } }', 'css')).changed).toBe(true); // nesting
    expect((await lowered('var x = a ?? b; class A { #p = 1 }', 'js')).changed).toBe(false); // both in Chromium 90: nothing lowered
    expect((await lowered('class A { static { init(); } }', 'js')).changed).toBe(true); // static blocks: Chromium 94
    expect(NEWER_JS.some(([re]) => re.test('xs.at(-1)'))).toBe(true);
    expect(NEWER_CSS.some(([re]) => re.test('li:has(> a)'))).toBe(true);
  });
});
