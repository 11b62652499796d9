import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/corpus.js';
import { evaluateProbes, probeReportText, readProbes, type ProbeClause, type ProbeDraft } from '../../src/rules/probe-eval.js';
import { compileRuleSet } from '../../src/rules/ruleset.js';

const CORPUS: Corpus = {
  laws: [
    {
      name: '公平竞争审查条例', title: '公平竞争审查条例', docNumber: '', issuer: '国务院', completeness: '', file: '',
      articles: [{ article: '第九条', text: '第九条 ……', items: [{ item: '（二）', text: '（二）排斥、限制、强制或者变相强制外地经营者在本地投资经营或者设立分支机构；' }] }],
    },
  ],
};

const SHARED = `
sets: {}
contexts:
  prohibition:
    - { scope: before, terms: [不得] }
`;

const RULES = `
rules:
  - id: branch
    title: 要求设立分支机构
    category: 限制商品要素自由流动
    severity: high
    basis: [{ law: 公平竞争审查条例, article: 第九条, item: （二） }]
    explanation: "“{quote}”要求设立分支机构。"
    suggestion: 删除“{quote}”。
    patterns: [{ terms: [分支机构] }]
    unless: [{ context: prohibition }]
    examples:
      flag: [a, b, c]
      pass: [d, e, f]
`;

const ruleSet = compileRuleSet([{ file: 'rules/t.yaml', content: RULES }], [SHARED], CORPUS, { repealed: [] });
const options = {};

const clause = (id: string, text: string, label: 'violation' | 'ok', category: string, kind: string, item: string): ProbeClause => ({ id, text, label, category, kind, item });

const CLAUSES = [
  clause('c1', '投标人须在德清县设立分支机构。', 'violation', '限制商品要素自由流动', 'tender', '第十四条（三）'),
  clause('c2', '对引进企业给予税收返还。', 'violation', '影响生产经营成本', 'policy', '第十九条（四）'),
  clause('c3', '采购人不得要求供应商设立分支机构。', 'ok', 'ok', 'tender', ''),
  clause('c4', '鼓励银行在县内增设分支机构。', 'ok', 'ok', 'policy', ''),
  clause('c5', '企业在本县设立分支机构的给予奖励。', 'violation', '影响生产经营成本', 'policy', '第十四条（三）'),
];

const DRAFT: ProbeDraft = {
  name: 'dev/t',
  text: ['一、投标人须在本地设立分支机构。', '二、鼓励企业开展技术创新。', '三、不得要求投标人设立分支机构。', '四、对企业给予税收返还。', '五、支持企业发展：', '（一）鼓励设立分支机构。'].join('\n'),
  labels: [
    { quote: '投标人须在本地设立分支机构。', label: 'violation', category: '限制商品要素自由流动' },
    { quote: '鼓励企业开展技术创新。', label: 'ok', category: 'ok' },
    { quote: '不得要求投标人设立分支机构。', label: 'ok', category: 'ok' },
    { quote: '对企业给予税收返还。', label: 'violation', category: '影响生产经营成本' },
    { quote: '支持企业发展', label: 'ok', category: 'ok' },
    { quote: '这句话不在草稿里。', label: 'ok', category: 'ok' },
  ],
};

describe('probe evaluation', () => {
  const report = evaluateProbes(CLAUSES, [DRAFT], ruleSet, options);

  it('computes recall, false alarms and category accuracy on the clauses as fahu eval does', () => {
    expect(report.clauses).toMatchObject({ violations: 3, ok: 2, caught: 2, falseAlarms: 1 });
    expect(report.clauses.recall).toBeCloseTo(2 / 3);
    expect(report.clauses.falseAlarmRate).toBeCloseTo(1 / 2);
    expect(report.clauses.categoryAccuracy).toBeCloseTo(1 / 2);
    expect(report.clauses.misses.map((m) => m.id)).toEqual(['c2']);
    expect(report.clauses.alarms.map((a) => a.id)).toEqual(['c4']);
  });

  it('breaks the figures down per kind of document and per item', () => {
    expect(report.clauses.perKind).toEqual([
      { key: 'policy', violations: 2, caught: 1, rightCategory: 0, ok: 1, falseAlarms: 1 },
      { key: 'tender', violations: 1, caught: 1, rightCategory: 1, ok: 1, falseAlarms: 0 },
    ]);
    expect(report.clauses.perItem).toEqual([
      { key: '第十九条（四）', violations: 1, caught: 0, rightCategory: 0, ok: 0, falseAlarms: 0 },
      { key: '第十四条（三）', violations: 2, caught: 2, rightCategory: 1, ok: 0, falseAlarms: 0 },
    ]);
  });

  it('counts a draft quote as flagged only through a finding in the clause that holds it', () => {
    const [d] = report.drafts;
    expect(d).toMatchObject({ name: 'dev/t', violations: 2, flagged: 1, ok: 3, leftAlone: 3, unlabelledFindings: 1 });
    expect(d?.missed).toEqual(['对企业给予税收返还。']);
    expect(d?.notFound).toEqual(['这句话不在草稿里。']);
    expect(report.draftTotals).toMatchObject({ violations: 2, flagged: 1, ok: 3, leftAlone: 3, problemShare: 0.5, lawfulShare: 1 });
  });

  it('reports a lawful quote as an alarm when its own clause is flagged', () => {
    const alarmed = evaluateProbes([], [{ ...DRAFT, labels: [{ quote: '鼓励设立分支机构。', label: 'ok', category: 'ok' }] }], ruleSet, options);
    expect(alarmed.drafts[0]).toMatchObject({ ok: 1, leftAlone: 0, alarms: [{ quote: '鼓励设立分支机构。', rule: 'branch' }] });
    expect(probeReportText(alarmed, '探针')).toContain('标注合法条款未被标出：0.0%（0/1）');
  });

  it('counts by the quoted sentence too: a lawful sentence beside a flagged one in the same article is left alone', () => {
    const mixed: ProbeDraft = {
      name: 'dev/mixed',
      text: ['一、乙方依法缴纳土地出让金。乙方须在本地设立分支机构。', '二、对企业给予税收返还。'].join('\n'),
      labels: [
        { quote: '乙方依法缴纳土地出让金。', label: 'ok', category: 'ok' },
        { quote: '乙方须在本地设立分支机构。', label: 'violation', category: '限制商品要素自由流动' },
        { quote: '对企业给予税收返还。', label: 'violation', category: '影响生产经营成本' },
      ],
    };
    const r = evaluateProbes([], [mixed], ruleSet, options);
    // the article is flagged, so by clause the lawful sentence counts as an alarm; by quote it does not
    expect(r.drafts[0]).toMatchObject({ violations: 2, flagged: 1, flaggedByQuote: 1, ok: 1, leftAlone: 0, leftAloneByQuote: 1 });
    expect(probeReportText(r, '探针')).toContain('只按引文所在的句子计：问题被标出 1/2，合法未被标出 1/1');
  });

  it('prints the figures in the report text', () => {
    const text = probeReportText(report, '探针');
    expect(text).toContain('违规条款召回率：66.7%（2/3）');
    expect(text).toContain('标注问题被标出：50.0%（1/2）');
    expect(text).toMatch(/tender\s+召回\s+1\/1/);
  });
});

describe('reading the probe directory', () => {
  const files: Record<string, string> = {
    'p/clauses-dev.jsonl': `${JSON.stringify(CLAUSES[0])}\n`,
    'p/clauses-heldout.jsonl': `${JSON.stringify(CLAUSES[1])}\n\n`,
    'p/drafts/dev/t.txt': DRAFT.text,
    'p/drafts/dev/t.labels.jsonl': DRAFT.labels.map((l) => JSON.stringify(l)).join('\n'),
  };
  const io = {
    list: (dir: string) => Object.keys(files).filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1)),
    read: (f: string) => {
      const text = files[f];
      if (text === undefined) throw new Error(`no ${f}`);
      return text;
    },
  };

  it('reads one split or both', () => {
    expect(readProbes('p', 'dev', io)).toMatchObject({ clauses: [{ id: 'c1', split: 'dev' }], drafts: [{ name: 'dev/t', split: 'dev', labels: { length: 6 } }] });
    expect(readProbes('p', undefined, io).clauses.map((c) => [c.id, c.split])).toEqual([['c1', 'dev'], ['c2', 'heldout']]);
  });

  it('shows the words of dev misses and alarms, only the count of held-out ones', () => {
    const items = CLAUSES.map((c) => ({ ...c, split: c.id === 'c2' || c.id === 'c4' ? ('heldout' as const) : ('dev' as const) }));
    const heldDraft = { ...DRAFT, name: 'heldout/t', split: 'heldout' as const };
    const text = probeReportText(evaluateProbes(items, [heldDraft], ruleSet, options), '探针', items);
    for (const heldOut of ['对引进企业给予税收返还', '鼓励银行在县内增设分支机构', '对企业给予税收返还。', '这句话不在草稿里']) expect(text).not.toContain(heldOut);
    expect(text).toContain('保留集的 2 条漏报和误报只计数');
    expect(text).toContain('heldout/t：问题 1/2，合法未标 3/3');
    const dev = probeReportText(evaluateProbes(CLAUSES, [DRAFT], ruleSet, options), '探针', CLAUSES);
    expect(dev).toContain('c2 [影响生产经营成本] 对引进企业给予税收返还。');
    expect(dev).toContain('漏报：对企业给予税收返还。');
  });

  it('prints held-out texts once the set is marked OPENED, and marks what it read', () => {
    const before = readProbes('p', 'heldout', io);
    expect(before.clauses[0]).not.toHaveProperty('opened');
    files['p/OPENED'] = 'opened as study material\n';
    try {
      const after = readProbes('p', 'heldout', io);
      expect(after.clauses).toMatchObject([{ id: 'c2', split: 'heldout', opened: true }]);
      const items = CLAUSES.map((c) => ({ ...c, split: 'heldout' as const, opened: true }));
      const heldDraft = { ...DRAFT, name: 'heldout/t', split: 'heldout' as const, opened: true };
      const text = probeReportText(evaluateProbes(items, [heldDraft], ruleSet, options), '探针', items);
      expect(text).toContain('c2 [影响生产经营成本] 对引进企业给予税收返还。');
      expect(text).toContain('漏报：对企业给予税收返还。');
      expect(text).not.toContain('只计数');
    } finally {
      delete files['p/OPENED'];
    }
  });

  it('names the file and line of a malformed line', () => {
    files['p/clauses-heldout.jsonl'] = '{"id": "x", "text": "t"}\n';
    expect(() => readProbes('p', 'heldout', io)).toThrow('p/clauses-heldout.jsonl 第 1 行缺少必需字段');
    files['p/clauses-heldout.jsonl'] = '{oops\n';
    expect(() => readProbes('p', 'heldout', io)).toThrow('p/clauses-heldout.jsonl 第 1 行不是有效的 JSON');
  });
});
