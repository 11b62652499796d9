/**
 * A document check (no validity period) anchored on a clause — a text without a title line is anchored on its first
 * clause — stays a finding of its own: it does not take that clause's finding into `related`, nor is taken into it.
 */
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { runRules } from '../../src/rules/engine.js';

describe('document checks beside clause findings', () => {
  it('keep the first clause’s own finding when the validity check is anchored on that clause', () => {
    const doc = ingestText('第五条 各乡镇采购的办公家具，须从县政府采购供应商名册中的企业订货。\n第六条 本办法由县财政局负责解释。');
    const findings = runRules(doc, loadRuleSet());
    const rules = findings.map((f) => f.rule);
    expect(rules).toContain('doc-no-validity');
    expect(rules).toContain('list-based-selection');
    const validity = findings.find((f) => f.rule === 'doc-no-validity');
    expect(validity?.related ?? []).not.toContain('list-based-selection');
    expect(findings.find((f) => f.rule === 'list-based-selection')?.related ?? []).not.toContain('doc-no-validity');
  });
});
