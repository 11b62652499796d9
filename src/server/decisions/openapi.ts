/** The decision library's part of /api/openapi.json (src/server/openapi.ts spreads it into its paths). */
import { DecisionSearchSchema } from '../../decisions/decision-search.js';
import { errorResponses, inputSchema, type Json } from '../kit/openapi-kit.js';
import { SimilarRequestSchema } from './api.js';
import { NoticeSchema } from '../../decisions/notice.js';

const ERRORS: Record<string, string> = { '400': '请求无效', '401': '未登录或访问令牌无效', '403': 'CSRF 校验失败', '404': '对象不存在', '503': '审查意见库未启用' };
const errors = (...codes: string[]): Record<string, Json> => errorResponses(ERRORS, ['401', '503', ...codes]);

const s = { type: 'string' };
const arr = (items: Json) => ({ type: 'array', items });
const snippetSchema: Json = {
  type: 'object',
  description: '命中片段：parts 为文字片段（mark 为命中的词），html 为已转义、以 <mark> 标出命中的 HTML',
  properties: { parts: arr({ type: 'object', properties: { text: s, mark: { type: 'boolean' } } }), cutStart: { type: 'boolean' }, cutEnd: { type: 'boolean' }, html: s },
};

export const DECISION_SCHEMAS: Record<string, Json> = {
  Decision: {
    type: 'object',
    properties: {
      id: { type: 'integer' }, key: s, title: s, docNumber: s, issuer: s, department: s, date: { type: ['string', 'null'], format: 'date' },
      reviewType: { enum: ['合法性审核', '公平竞争审查', '专项清理'] }, clauseText: s, clausePath: s, category: s, rule: s,
      outcome: { enum: ['修改', '删除', '保留', '不予出台', '适用例外'] }, reasoning: s, basis: arr(s), reviewer: s, tags: arr(s),
      sourceKind: { enum: ['own', 'published'] }, sourceRef: s,
      noticeAuthority: { ...s, description: '公开案例所出的通报、典型案例的发布机关' }, noticeTitle: { ...s, description: '通报标题' }, noticeDate: { type: ['string', 'null'], format: 'date', description: '通报日期' }, noticeAddress: { ...s, description: '通报的网址或文号' }, reviewId: { type: ['string', 'null'] }, findingId: { type: ['string', 'null'] }, createdAt: s, updatedAt: s,
    },
    required: ['id', 'key', 'clauseText', 'outcome', 'reviewType', 'sourceKind'],
  },
  DecisionSnippet: snippetSchema,
};

export function decisionOpenApiPaths(): Record<string, Json> {
  const facetCounts = { type: 'object', additionalProperties: arr({ type: 'object', properties: { value: s, count: { type: 'integer' } } }) };
  return {
    '/api/decisions/search': {
      get: {
        summary: '检索审查意见库（结巴分词；引号内的词须原样出现；筛选、分面、排序、分页）',
        parameters: Object.entries((inputSchema(DecisionSearchSchema) as { properties?: Record<string, Json> }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
        responses: {
          '200': {
            description: '一页结果、总数、分面计数和实际检索的词',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: arr({ allOf: [{ $ref: '#/components/schemas/Decision' }, { type: 'object', properties: { score: { type: 'number' }, snippets: { type: 'object', properties: { clauseText: { $ref: '#/components/schemas/DecisionSnippet' }, reasoning: { $ref: '#/components/schemas/DecisionSnippet' } } } } }] }),
                    total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, facets: facetCounts, tokens: arr(s), phrases: arr(s),
                  },
                },
              },
            },
          },
          ...errors('400'),
        },
      },
    },
    '/api/decisions/similar': {
      post: {
        summary: '查找相似条款的审查意见（同一规则优先）',
        requestBody: { required: true, content: { 'application/json': { schema: inputSchema(SimilarRequestSchema) } } },
        responses: {
          '200': {
            description: '最相似的审查意见',
            content: { 'application/json': { schema: { type: 'object', properties: { items: arr({ allOf: [{ $ref: '#/components/schemas/Decision' }, { type: 'object', properties: { score: { type: 'number' }, snippet: { $ref: '#/components/schemas/DecisionSnippet' } } }] }), total: { type: 'integer' } } } } },
          },
          ...errors('400', '403'),
        },
      },
    },
    '/api/decisions/import': {
      post: {
        summary: '导入审查意见（.jsonl 或 .csv，与导出格式相同；任何一行有错则全部不导入；仅科长、管理员）',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
        responses: { '201': { description: '新增和更新的条数', content: { 'application/json': { schema: { type: 'object', properties: { inserted: { type: 'integer' }, updated: { type: 'integer' } } } } } }, ...errors('400', '403', '422') },
      },
    },
    '/api/decisions/export': {
      get: {
        summary: '导出全部审查意见（CSV 或 JSONL，与 fahu decisions export 相同）',
        parameters: [{ name: 'format', in: 'query', required: false, schema: { enum: ['csv', 'jsonl'] } }],
        responses: {
          '200': { description: '文件', content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } } },
          ...errors('400'),
        },
      },
    },
    '/api/decisions/{id}/notice': {
      put: {
        summary: '修改一条审查意见所出通报的发布机关、标题、日期、网址或文号（四项一并提交，空值清除；记入操作日志；仅科长、管理员）',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: { required: true, content: { 'application/json': { schema: inputSchema(NoticeSchema) } } },
        responses: { '200': { description: '修改后的审查意见', content: { 'application/json': { schema: { $ref: '#/components/schemas/Decision' } } } }, ...errors('400', '403', '404') },
      },
    },
    '/api/decisions/{id}': {
      get: {
        summary: '一条审查意见',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: '审查意见', content: { 'application/json': { schema: { $ref: '#/components/schemas/Decision' } } } }, ...errors('400', '404') },
      },
    },
  };
}
