/**
 * `fahu review` of a Word file: the worker that read the file and built its model is idle afterwards, while this
 * thread runs the rules. With a share it runs some of the clause rules too (every rule of RuleSet.rules whose index
 * `owns` keeps: a fraction FAHU_SHARE_RULES of them, spread evenly), on its own copy of the rule set read back from
 * the compiled rule cache (no compile of the rest), and posts their findings, keyed, on a port of its own; this
 * thread runs the others and then takes them (engine.ts runRules merges both into the one loop's order, so the
 * findings are those of one thread). The wait is synchronous (the engine is): the worker sets a shared flag after
 * posting, this thread waits on it (Atomics.wait) and reads the port (receiveMessageOnPort). Whatever goes wrong —
 * no compiled rules in the cache, other options than the worker was sent, a failure, no answer in time — this
 * thread runs those rules itself: the same answer, later.
 */
import { performance } from 'node:perf_hooks';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { DocumentModel } from '../document/model.js';
import type { RunOptions } from '../rules/engine.js';
import type { PartFindings, RuleSet, RuleShare } from '../rules/rule-set-model.js';

/** What the worker is sent with the file (structured clone; the port transferred). */
export interface ShareSpec {
  port: MessagePort;
  /** Int32Array over it: 0 until the worker has posted its answer. */
  flag: SharedArrayBuffer;
  fraction: number;
  packs: string[];
  jurisdiction?: string;
}

type Answer = { ok: true; text: string; sentences: number; part: PartFindings } | { ok: false; why: string };

/** The fraction of the rules the worker runs (FAHU_SHARE_RULES, 0–0.9; 0: none, the worker ends once it has read). */
export function shareFraction(): number {
  const v = Number(process.env.FAHU_SHARE_RULES ?? 0.35);
  return Number.isFinite(v) && v > 0 ? Math.min(v, 0.9) : 0;
}

/** Where the worker's sentences begin: those starting at or after the last `fraction` of the text (at a line's start). */
export function shareCut(text: string, fraction: number): number {
  const at = text.lastIndexOf('\n', Math.floor(text.length * (1 - fraction)));
  return at < 0 ? 0 : at + 1;
}

/** The sentences (by start) the worker reads. */
export function ownsOf(text: string, fraction: number): (sentenceStart: number) => boolean {
  const cut = shareCut(text, fraction);
  return (start) => start >= cut;
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]) => (a ?? []).length === b.length && b.every((x, i) => (a ?? [])[i] === x);

/**
 * This thread's side: the spec to send with the file, the rule set to review with (RuleSet.share set), and `done`,
 * settled once the share is over (taken, or given up): the worker must live until then.
 */
export function offerShare(options: { packs: string[]; jurisdiction?: string | undefined }, timeoutMs: number): { spec: ShareSpec; attach: (ruleSet: RuleSet) => RuleSet; mine: (text: string) => string; done: Promise<void> } | undefined {
  const fraction = shareFraction();
  if (fraction === 0) return undefined;
  const { port1, port2 } = new MessageChannel();
  port1.unref();
  const flag = new SharedArrayBuffer(4);
  let finish = () => {};
  const done = new Promise<void>((r) => (finish = r));
  let asked = false;
  const spec: ShareSpec = { port: port2, flag, fraction, packs: options.packs, ...(options.jurisdiction !== undefined ? { jurisdiction: options.jurisdiction } : {}) };
  const share = (doc: DocumentModel, run: RunOptions): RuleShare | undefined => {
    // once (the review's runRules), and only with the very options the worker runs with
    if (asked || run.only || run.defaultJurisdiction !== undefined || run.jurisdiction !== options.jurisdiction || !sameList(run.packs, options.packs)) return undefined;
    asked = true;
    return {
      owns: ownsOf(doc.text, fraction),
      collect: () => {
        try {
          const t = performance.now();
          let m = receiveMessageOnPort(port1);
          if (!m) {
            Atomics.wait(new Int32Array(flag), 0, 0, timeoutMs);
            m = receiveMessageOnPort(port1);
          }
          const answer = m?.message as Answer | undefined;
          // the worker's model is this one (it posted it): the same text and sentences, or its findings are not taken
          const taken = answer?.ok === true && answer.text === doc.text && answer.sentences === doc.sentences.length;
          if (process.env.FAHU_SHARE_TRACE) process.stderr.write(`[share] ${taken ? 'taken' : `not taken (${answer && !answer.ok ? answer.why : 'no answer'})`}, waited ${(performance.now() - t).toFixed(0)} ms\n`);
          return taken && answer.ok ? answer.part : undefined;
        } finally {
          port1.close();
          finish();
        }
      },
    };
  };
  return { spec, attach: (ruleSet) => ({ ...ruleSet, share }), mine: (text) => text.slice(0, shareCut(text, fraction)), done };
}

/** The worker's side, once it has posted the model: loads the rules, runs its part, answers on the port. */
export async function runShare(doc: DocumentModel, spec: ShareSpec): Promise<void> {
  const flag = new Int32Array(spec.flag);
  let answer: Answer;
  try {
    const [{ loadRulesFrom }, { partFindings }, places] = await Promise.all([import('./rule-loader.js'), import('../rules/engine.js'), import('./place-data.js')]);
    const ruleSet = loadRulesFrom({ thawOnly: true }).ruleSet;
    places.placeDataForOneDocument();
    places.preparePlaceData(doc.text);
    const owns = ownsOf(doc.text, spec.fraction);
    ruleSet.compileFor?.(doc.text.slice(shareCut(doc.text, spec.fraction)));
    const part = partFindings(doc, ruleSet, { packs: spec.packs, ...(spec.jurisdiction !== undefined ? { jurisdiction: spec.jurisdiction } : {}) }, owns);
    answer = { ok: true, text: doc.text, sentences: doc.sentences.length, part };
  } catch (e) {
    answer = { ok: false, why: e instanceof Error ? e.message : String(e) };
  }
  try {
    spec.port.postMessage(answer);
  } finally {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    spec.port.close();
  }
}
