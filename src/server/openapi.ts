/**
 * The OpenAPI 3.1 description of /api, served at /api/openapi.json. Request bodies and
 * query parameters come from the same zod schemas the routes validate with; responses are
 * written out here. test/server/api.test.ts checks that every route of the app is listed.
 */
import { BUSY_RESPONSE, errorResponses, inputSchema, queryParams, type Json } from './kit/openapi-kit.js';
import { CATEGORIES, SEVERITIES } from '../review/core.js';
import { CLEANUP_SCHEMAS, cleanupOpenApiPaths } from './cleanup/openapi.js';
import { deskOpenApiPaths } from './desk/openapi.js';
import { CORPUS_SCHEMAS, corpusOpenApiPaths, withPickedBasis } from './corpus/openapi.js';
import { formOpenApiPaths } from './forms/openapi.js';
import { DECISION_SCHEMAS, decisionOpenApiPaths } from './decisions/openapi.js';
import { AnnotatedQuerySchema, ExportQuerySchema } from './reviews/exports.js';
import {
  AuditQuerySchema, ConclusionSchema, FindingUpdateSchema, FINDING_STATUSES, HandFindingSchema, NewUserSchema, PurgeSchema, REVIEW_STATUSES, ReviewQuerySchema, ROLES, VoidSchema,
} from '../store/types.js';

const input = inputSchema;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const int = { type: 'integer' };

function obj(properties: Record<string, Json>, required: string[] = Object.keys(properties)): Json {
  return { type: 'object', properties, required };
}

const pageOf = (item: Json): Json => obj({ items: { type: 'array', items: item }, total: int, page: int, pageSize: int });
const listOf = (item: Json): Json => obj({ items: { type: 'array', items: item }, total: int });

const ERRORS: Record<string, string> = {
  '400': '请求无效（JSON 格式错误或字段不符合要求）',
  '401': '未登录或访问令牌无效',
  '403': '无权进行此操作，或 CSRF 校验失败',
  '404': '对象不存在',
  '409': '状态冲突（如已签发）',
  '413': '上传内容过大',
  '422': '文件无法处理（格式、加密、压缩炸弹等），附处理建议',
  '429': '操作过于频繁',
};

const errors = (...codes: string[]): Record<string, Json> => errorResponses(ERRORS, ['401', ...codes]);

function ok(description: string, schema?: Json, status = '200'): Record<string, Json> {
  return { [status]: { description, ...(schema ? { content: json(schema) } : {}) } };
}

const PACKS: Json = { type: 'array', items: { type: 'string' }, description: '运行的行业规则包名称（如 tongzhuang）；不提供时按管理员设置的默认规则包，空数组表示不运行规则包' };
const JURISDICTION = { type: 'string', maxLength: 40, description: '文中地名按此行政区划解析（如“湖州市吴兴区”）；不填则依次取发文机关、标题、本科室默认' };

const UPLOAD_OR_TEXT = (extra: Record<string, Json>): Json => ({
  required: true,
  content: {
    'multipart/form-data': { schema: obj({ file: { type: 'string', format: 'binary', description: '.docx、.txt 或 .md（按内容识别格式）' }, packs: PACKS, jurisdiction: JURISDICTION, ...extra }, ['file']) },
    'application/json': { schema: obj({ text: str, markdown: { type: 'boolean' }, packs: PACKS, jurisdiction: JURISDICTION, ...extra }, ['text']) },
  },
});


const pathParam = (name: string, schema: Json = str): Json => ({ name, in: 'path', required: true, schema });

const COMPONENTS: Record<string, Json> = {
  Error: obj({ code: str, message: { type: 'string', description: '中文说明' }, hint: { type: 'string', description: '处理建议' } }, ['code', 'message']),
  User: obj({ id: int, name: str, displayName: str, role: { enum: [...ROLES] }, disabled: { type: 'boolean' }, createdAt: { type: 'string', format: 'date-time' } }),
  Basis: obj({ law: str, article: str, item: str, text: str }, ['law', 'article', 'text']),
  Finding: obj(
    {
      id: str, rule: str, title: str, category: { enum: [...CATEGORIES] }, severity: { enum: [...SEVERITIES] }, clauseId: str, path: str, quote: str,
      start: int, end: int, basis: { type: 'array', items: ref('Basis') }, explanation: str, suggestion: str, related: { type: 'array', items: str },
      moreOfKind: { type: 'integer', description: '同一规则在本文件中另有的处数（每条规则最多列出 20 处）' },
      others: { type: 'array', description: '同一条款中并入本条问题的其他句子（起止位置与引文）', items: obj({ start: int, end: int, quote: str }, ['start', 'end', 'quote']) },
    },
    ['id', 'rule', 'title', 'category', 'severity', 'clauseId', 'path', 'quote', 'start', 'end', 'basis', 'explanation', 'suggestion'],
  ),
  ReviewFinding: {
    allOf: [
      ref('Finding'),
      obj({ status: { enum: [...FINDING_STATUSES] }, dismissReason: nullableStr, suggestionOverride: nullableStr, addedByHand: { type: 'boolean' }, updatedBy: { type: ['integer', 'null'] }, updatedAt: nullableStr }),
    ],
  },
  Document: {
    type: 'object',
    description: '解析后的文件：元数据、正文（发现的 start/end 是其中的字符位置）和条款结构',
    properties: { source: { type: 'object' }, meta: { type: 'object' }, text: str, clauses: { type: 'array', items: { type: 'object' } } },
    required: ['text', 'clauses'],
  },
  Review: obj({ document: ref('Document'), findings: { type: 'array', items: ref('Finding') } }),
  ReviewRecord: obj({
    id: str, documentHash: nullableStr, title: str, docNumber: nullableStr, department: str, status: { enum: [...REVIEW_STATUSES] }, createdBy: int, createdByName: str,
    createdAt: str, updatedAt: str, signedBy: { type: ['integer', 'null'] }, signedByName: nullableStr, signedAt: nullableStr,
    conclusion: nullableStr, previousReviewId: nullableStr,
  }),
  ReviewSummary: { allOf: [ref('ReviewRecord'), obj({ counts: obj({ total: int, open: int, confirmed: int, dismissed: int }) })] },
  ReviewDetail: obj({ record: ref('ReviewRecord'), review: ref('Review'), findings: { type: 'array', items: ref('ReviewFinding') } }),
  AuditEntry: obj({ id: int, at: str, userId: { type: ['integer', 'null'] }, userName: nullableStr, action: str, target: str, detail: { type: 'object' } }),
  Rule: obj({
    id: str, title: str, category: { enum: [...CATEGORIES] }, severity: { enum: [...SEVERITIES] }, kind: { enum: ['clause', 'document'] }, pack: nullableStr,
    basis: { type: 'array', items: ref('Basis') }, examples: obj({ flag: int, pass: int }),
  }),
  Pack: obj({ name: str, title: str, description: str, ruleCount: int, enabled: { type: 'boolean' } }),
  ApiToken: obj({ id: int, userId: int, name: str, createdAt: str, lastUsedAt: nullableStr }),
};

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {
    '/api/openapi.json': { get: { summary: '本接口说明（OpenAPI 3.1）', responses: { ...ok('OpenAPI 文档', { type: 'object' }), ...errors() } } },
    '/api/me': { get: { summary: '当前用户', responses: { ...ok('当前用户及认证方式', obj({ user: ref('User'), via: { enum: ['session', 'token'] } })), ...errors() } } },
    '/api/parse': {
      post: { summary: '解析文件（不保存）', requestBody: UPLOAD_OR_TEXT({}), responses: { ...ok('解析结果', ref('Document')), ...errors('400', '413', '422'), ...BUSY_RESPONSE } },
    },
    '/api/review': {
      post: { summary: '预审文件（不保存）', requestBody: UPLOAD_OR_TEXT({}), responses: { ...ok('条款结构和发现的问题', ref('Review')), ...errors('400', '413', '422'), ...BUSY_RESPONSE } },
    },
    '/api/reviews': {
      post: {
        summary: '上传文件或提交文字，建立审查记录（原件按内容摘要保存）',
        requestBody: UPLOAD_OR_TEXT({ department: str, title: str, docNumber: str }),
        responses: { ...ok('已建立的审查记录', { allOf: [ref('ReviewRecord'), obj({ findingCount: int })] }, '201'), ...errors('400', '403', '409', '413', '422'), ...BUSY_RESPONSE },
      },
      get: { summary: '审查记录列表（按部门、状态、日期、关键词筛选）', parameters: queryParams(ReviewQuerySchema), responses: { ...ok('一页审查记录', pageOf(ref('ReviewSummary'))), ...errors('400') } },
    },
    '/api/reviews/{id}': {
      get: { summary: '审查记录详情', parameters: [pathParam('id')], responses: { ...ok('记录、原始预审结果和带处理状态的问题', ref('ReviewDetail')), ...errors('404') } },
    },
    '/api/reviews/{id}/findings/{findingId}': {
      patch: {
        summary: '处理一个问题：确认、排除（须填理由）、重新打开或修改建议',
        parameters: [pathParam('id'), pathParam('findingId')],
        requestBody: { required: true, content: json(input(FindingUpdateSchema)) },
        responses: { ...ok('处理后的问题', ref('ReviewFinding')), ...errors('400', '403', '404', '409') },
      },
    },
    '/api/reviews/{id}/findings': {
      post: {
        summary: '在选中的文字上手工添加问题',
        parameters: [pathParam('id')],
        requestBody: { required: true, content: json(withPickedBasis(input(HandFindingSchema))) },
        responses: { ...ok('添加的问题', ref('ReviewFinding'), '201'), ...errors('400', '403', '404', '409') },
      },
    },
    '/api/reviews/{id}/conclusion': {
      put: {
        summary: '选定审查结论（合法，可以出台／修改后可以出台／不合法，不得出台／不属于行政规范性文件；null 清除）',
        description: '结论由审查人选定，写入审查意见书，并记入操作日志；签发前必须选定。已签发或已作废的记录返回 409。',
        parameters: [pathParam('id')],
        requestBody: { required: true, content: json(input(ConclusionSchema)) },
        responses: { ...ok('更新后的记录', ref('ReviewRecord')), ...errors('400', '403', '404', '409') },
      },
    },
    '/api/reviews/{id}/signoff': {
      post: { summary: '签发审查记录（仅科长）', description: '所有问题均已确认或排除、且已选定审查结论后方可签发；尚有待处理问题（“尚有 N 个问题待处理”）、未选定结论或已签发时返回 409。', parameters: [pathParam('id')], responses: { ...ok('已签发的记录', ref('ReviewRecord')), ...errors('403', '404', '409') } },
    },
    '/api/reviews/{id}/void': {
      post: {
        summary: '作废审查记录（须填理由；记录保留，不计入列表和统计）',
        description: '建立该记录的人员（未签发时）、科长或管理员可作废；已作废的记录不能再处理问题或签发，列表以 voided=only 或 voided=all 查看。',
        parameters: [pathParam('id')],
        requestBody: { required: true, content: json(input(VoidSchema)) },
        responses: { ...ok('作废后的记录', ref('ReviewRecord')), ...errors('400', '403', '404', '409') },
      },
    },
    '/api/reviews/{id}/restore': {
      post: { summary: '撤销作废', parameters: [pathParam('id')], responses: { ...ok('恢复后的记录', ref('ReviewRecord')), ...errors('403', '404', '409') } },
    },
    '/api/admin/purge': {
      post: {
        summary: '永久删除已作废满 N 天的测试数据（仅管理员，须输入“永久删除”）',
        description: '只删除未签发的审查记录和送审件；专项清理仍在使用的记录保留；删除的编号写入操作日志。',
        requestBody: { required: true, content: json(input(PurgeSchema)) },
        responses: { ...ok('删除的件数', obj({ reviews: { type: 'integer' }, requests: { type: 'integer' }, before: str })), ...errors('400', '403') },
      },
    },
    '/api/rules': {
      get: {
        summary: '规则列表和行业规则包',
        responses: { ...ok('全部规则；packs 列出规则包及是否默认启用', { allOf: [listOf(ref('Rule')), obj({ packs: { type: 'array', items: ref('Pack') } })] }), ...errors() },
      },
    },
    '/api/rules/packs': {
      put: {
        summary: '设置默认启用的行业规则包（仅管理员）',
        requestBody: { required: true, content: json(obj({ enabled: PACKS }, ['enabled'])) },
        responses: { ...ok('保存后的默认规则包', obj({ enabled: PACKS })), ...errors('400', '403') },
      },
    },
    '/api/rules/jurisdiction': {
      put: {
        summary: '设置本科室默认行政区划（仅管理员）',
        description: '草案未写明发文机关、标题也未写地名时，文中地名按此行政区划解析（如“湖州市吴兴区”：吴兴区、织里镇为本地，湖州市外为外地）。空字符串清除。',
        requestBody: { required: true, content: json(obj({ jurisdiction: { type: 'string', maxLength: 40 } }, ['jurisdiction'])) },
        responses: { ...ok('保存后的默认行政区划', obj({ jurisdiction: { type: ['string', 'null'] } })), ...errors('400', '403') },
      },
    },
    '/api/reviews/{id}/export': {
      get: {
        summary: '下载审查意见：docx 为审查意见书（GB/T 9704 版式，审查结论由审查人选择，只列已确认的问题；appendix=1 附内部审查记录），亦可 html、md、json、text',
        parameters: [pathParam('id'), ...queryParams(ExportQuerySchema)],
        responses: { '200': { description: '审查意见文件', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors('400', '404') },
      },
    },
    '/api/reviews/{id}/annotated': {
      get: {
        summary: '下载批注稿：送审的 .docx 原件，只在每个问题的文字上加 Word 批注（tracked=1 另把删除、改写建议写成修订）；文字稿则按正文生成 .docx',
        parameters: [pathParam('id'), ...queryParams(AnnotatedQuerySchema)],
        responses: { '200': { description: '批注稿 .docx', content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } } } }, ...errors('400', '404', '422'), ...BUSY_RESPONSE },
      },
    },
    '/api/documents/{hash}': {
      get: {
        summary: '下载原始文件（按 SHA-256 摘要）',
        parameters: [pathParam('hash', { type: 'string', pattern: '^[0-9a-f]{64}$' })],
        responses: { '200': { description: '原始文件', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors('400', '404') },
      },
    },
    '/api/audit': {
      get: { summary: '操作日志（仅管理员）', parameters: queryParams(AuditQuerySchema), responses: { ...ok('一页日志，新的在前', pageOf(ref('AuditEntry'))), ...errors('400', '403') } },
    },
    '/api/users': {
      get: { summary: '用户列表（仅管理员）', responses: { ...ok('全部用户', listOf(ref('User'))), ...errors('403') } },
      post: {
        summary: '创建用户（仅管理员）',
        requestBody: { required: true, content: json(input(NewUserSchema)) },
        responses: { ...ok('新用户', ref('User'), '201'), ...errors('400', '403', '409') },
      },
    },
    '/api/users/{id}': {
      patch: {
        summary: '修改用户角色、停用或重设密码（仅管理员）',
        parameters: [pathParam('id', int)],
        requestBody: { required: true, content: json(obj({ role: { enum: [...ROLES] }, disabled: { type: 'boolean' }, password: { type: 'string', minLength: 8 } }, [])) },
        responses: { ...ok('修改后的用户', ref('User')), ...errors('400', '403', '404', '409') },
      },
    },
    '/api/tokens': {
      get: { summary: '我的访问令牌', responses: { ...ok('令牌（不含令牌本身）', listOf(ref('ApiToken'))), ...errors() } },
      post: {
        summary: '为自己创建访问令牌（令牌只显示这一次）',
        requestBody: { required: true, content: json(obj({ name: { type: 'string', minLength: 1, maxLength: 64 } })) },
        responses: { ...ok('新令牌', obj({ id: int, name: str, token: str }), '201'), ...errors('400') },
      },
    },
    '/api/tokens/{id}': {
      delete: { summary: '吊销自己的访问令牌', parameters: [pathParam('id', int)], responses: { '204': { description: '已吊销' }, ...errors('404') } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: '法护 fahu 预审接口',
      version: '1',
      description:
        '行政规范性文件合法性审核与公平竞争审查预审。所有接口须登录：浏览器会话（写操作须带 X-CSRF-Token 请求头）或访问令牌（Authorization: Bearer fahu_…）。错误均为 JSON：{code, message, hint?}，message 为中文。',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { token: [] }],
    paths: { ...paths, ...cleanupOpenApiPaths(), ...deskOpenApiPaths(), ...decisionOpenApiPaths(), ...formOpenApiPaths(), ...corpusOpenApiPaths() },
    components: {
      schemas: { ...COMPONENTS, ...CLEANUP_SCHEMAS, ...DECISION_SCHEMAS, ...CORPUS_SCHEMAS },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'fahu_session', description: '登录后的会话；写操作须带 X-CSRF-Token 请求头' },
        token: { type: 'http', scheme: 'bearer', description: '访问令牌（POST /api/tokens 创建），不需要 CSRF 令牌' },
      },
    },
  };
}
