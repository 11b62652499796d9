/** The cleanup campaign's part of the OpenAPI description (/api/cleanup/*), merged by ./openapi.ts. */
import { errorResponses, inputSchema, queryParams, type Json } from '../kit/openapi-kit.js';
import { DECISIONS, JOB_STATES } from '../../cleanup/model.js';
import { CampaignQuerySchema, DeadlineBodySchema, DecisionBodySchema, ExportQuerySchema, ItemQuerySchema, PacksBodySchema, PeriodQuerySchema } from '../../cleanup/schemas.js';
import { VoidSchema } from '../../store/types.js';

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: Json) => ({ 'application/json': { schema } });
const ERRORS: Record<string, string> = { '400': '请求无效', '401': '未登录', '403': '无权操作或 CSRF 校验失败', '404': '对象不存在', '413': '上传内容过大', '422': '清单有错（errors 按行号列出）或文件都对应不上' };
const errs = (...codes: string[]): Record<string, Json> => errorResponses(ERRORS, ['401', ...codes]);
const okResp = (description: string, schema?: Json, status = '200'): Record<string, Json> => ({ [status]: { description, ...(schema ? { content: jsonBody(schema) } : {}) } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
const jobParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const input = inputSchema;
const queryOf = queryParams;
const counts = { type: 'object', properties: Object.fromEntries(DECISIONS.map((d) => [d, { type: 'integer' }])) };
const multipart = (properties: Json, required: string[]) => ({ required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties, required } } } });

/** Schemas the cleanup paths refer to, for components.schemas. */
export const CLEANUP_SCHEMAS: Record<string, Json> = {
  CleanupCampaign: {
    type: 'object',
    properties: {
      id: { type: 'integer' }, name: { type: 'string' }, deadline: { type: ['string', 'null'] }, createdBy: { type: ['integer', 'null'] }, createdAt: { type: 'string' },
      packs: { type: ['array', 'null'], items: { type: 'string' }, description: '预审运行的行业规则包；null 为管理员的默认规则包' },
      voidedAt: { type: ['string', 'null'] }, voidedByName: { type: ['string', 'null'] }, voidReason: { type: ['string', 'null'] },
    },
  },
  CleanupItem: {
    type: 'object',
    description: '清单中的一份文件：元数据、正文与预审状态、清理结论（decision: keep 继续有效 / amend 修改 / repeal 废止 / invalid 宣布失效）',
    properties: {
      id: { type: 'integer' }, title: { type: 'string' }, docNumber: { type: 'string' }, issuer: { type: 'string' }, issueDate: { type: ['string', 'null'] }, validity: { type: 'string' },
      department: { type: 'string' }, reviewId: { type: ['string', 'null'] }, decision: { enum: [...DECISIONS, null] }, decisionReason: { type: ['string', 'null'] },
      decisionClauses: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, path: { type: 'string' } } } },
      precheck: { type: ['object', 'null'], properties: { state: { enum: [...JOB_STATES] }, error: { type: ['string', 'null'] } } }, findingCount: { type: ['integer', 'null'] },
      effectiveDate: { type: ['string', 'null'] }, extras: { type: 'array', description: '清单中的其他列（序号、备注等）：[列名, 值]', items: { type: 'array', items: { type: 'string' } } },
      expiry: { type: ['object', 'null'], description: '有效期至（据清单的发布日期/施行日期与有效期，或据正文）', properties: { until: { type: 'string' }, source: { enum: ['row', 'text'] }, basis: { type: 'string' } } },
      expired: { type: 'boolean', description: '已过有效期' },
      mismatches: { type: 'array', description: '上传正文的文号、标题与清单不一致之处；未确认前不能作出清理结论', items: { type: 'object', properties: { field: { enum: ['docNumber', 'title'] }, row: { type: 'string' }, text: { type: 'string' } } } },
      textConfirmedAt: { type: ['string', 'null'] }, decisionBasis: { type: ['string', 'null'], description: '法律依据' },
      voidedAt: { type: ['string', 'null'] }, voidReason: { type: ['string', 'null'] },
    },
  },
  CleanupProgress: {
    type: 'object',
    properties: {
      campaign: ref('CleanupCampaign'), daysLeft: { type: ['integer', 'null'] }, total: { type: 'integer' }, prechecked: { type: 'integer' }, decided: { type: 'integer' }, undecided: { type: 'integer' }, byDecision: counts,
      departments: { type: 'array', items: { type: 'object', properties: { department: { type: 'string' }, total: { type: 'integer' }, decided: { type: 'integer' }, undecided: { type: 'integer' }, byDecision: counts, overdue: { type: 'boolean' } } } },
    },
  },
  CleanupJob: {
    type: 'object',
    properties: {
      jobId: { type: 'string' }, total: { type: 'integer' }, pending: { type: 'integer' }, running: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' }, finished: { type: 'boolean' },
      failures: { type: 'array', items: { type: 'object', properties: { itemId: { type: 'integer' }, title: { type: 'string' }, fileName: { type: 'string' }, error: { type: 'string' } } } },
    },
  },
};

export function cleanupOpenApiPaths(): Record<string, Json> {
  return {
    '/api/cleanup/campaigns': { get: { summary: '专项清理列表及进度（默认不含已作废）', parameters: queryOf(CampaignQuerySchema), responses: { ...okResp('全部专项清理', { type: 'object', properties: { items: { type: 'array', items: ref('CleanupProgress') }, total: { type: 'integer' } } }), ...errs() } } },
    '/api/cleanup/campaigns/import': {
      post: {
        summary: '导入清单（.xlsx 或 .csv），全部成功或全部不导入',
        requestBody: multipart({ file: { type: 'string', format: 'binary' }, campaign: { type: 'string' }, deadline: { type: 'string', format: 'date' } }, ['file', 'campaign']),
        responses: { ...okResp('已导入', { type: 'object', properties: { campaign: ref('CleanupCampaign'), created: { type: 'boolean' }, imported: { type: 'integer' } } }, '201'), ...errs('400', '403', '413', '422') },
      },
    },
    '/api/cleanup/campaigns/{id}': {
      get: { summary: '专项清理进度（按责任单位）', parameters: [idParam], responses: { ...okResp('进度', ref('CleanupProgress')), ...errs('404') } },
      patch: { summary: '修改截止日期（科长、管理员）', parameters: [idParam], requestBody: { required: true, content: jsonBody(input(DeadlineBodySchema)) }, responses: { ...okResp('修改后的专项清理', ref('CleanupCampaign')), ...errs('400', '403', '404') } },
    },
    '/api/cleanup/campaigns/{id}/packs': {
      put: { summary: '选择本专项清理预审运行的行业规则包（科长、管理员）；packs 为 null 时用管理员的默认规则包', parameters: [idParam], requestBody: { required: true, content: jsonBody(input(PacksBodySchema)) }, responses: { ...okResp('修改后的专项清理', ref('CleanupCampaign')), ...errs('400', '403', '404', '409') } },
    },
    '/api/cleanup/campaigns/{id}/void': {
      post: { summary: '作废专项清理（须填理由；导入人、科长、管理员）：保留记录，不再计入列表和统计', parameters: [idParam], requestBody: { required: true, content: jsonBody(input(VoidSchema)) }, responses: { ...okResp('已作废', ref('CleanupCampaign')), ...errs('400', '403', '404', '409') } },
    },
    '/api/cleanup/campaigns/{id}/restore': {
      post: { summary: '撤销作废专项清理', parameters: [idParam], responses: { ...okResp('已撤销作废', ref('CleanupCampaign')), ...errs('403', '404', '409') } },
    },
    '/api/cleanup/campaigns/{id}/items': {
      get: { summary: '清单中的文件', parameters: [idParam, ...queryOf(ItemQuerySchema)], responses: { ...okResp('文件列表', { type: 'object', properties: { items: { type: 'array', items: ref('CleanupItem') }, total: { type: 'integer' } } }), ...errs('400', '404') } },
    },
    '/api/cleanup/campaigns/{id}/attach': {
      post: {
        summary: '上传正文（可多个），按文件名中的文号或标题对应，排入后台预审',
        parameters: [idParam],
        requestBody: multipart({ file: { type: 'array', items: { type: 'string', format: 'binary' } }, itemId: { type: 'integer', description: '只上传一份时可指定对应的文件' } }, ['file']),
        responses: {
          ...okResp('已排入预审；unmatched 列出对应不上的文件', { type: 'object', properties: { jobId: { type: ['string', 'null'] }, matched: { type: 'array' }, unmatched: { type: 'array' }, background: { type: 'boolean' } } }, '202'),
          ...errs('400', '403', '404', '413', '422'),
        },
      },
    },
    '/api/cleanup/campaigns/{id}/export': {
      get: {
        summary: '导出清理结果清单（CSV 为带 BOM 的 UTF-8）',
        parameters: [idParam, ...queryOf(ExportQuerySchema)],
        responses: { '200': { description: '清理结果', content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } }, ...errs('400', '404') },
      },
    },
    '/api/cleanup/jobs/{id}': { get: { summary: '预审任务进度（页面轮询）', parameters: [jobParam], responses: { ...okResp('进度', ref('CleanupJob')), ...errs('400', '404') } } },
    '/api/cleanup/jobs/{id}/retry': {
      post: { summary: '失败的文件重新预审', parameters: [jobParam], requestBody: { required: false, content: jsonBody({ type: 'object' }) }, responses: { ...okResp('重新排队的数量和进度', { type: 'object', properties: { requeued: { type: 'integer' }, progress: ref('CleanupJob') } }), ...errs('403', '404') } },
    },
    '/api/cleanup/items/{id}': { get: { summary: '清单中的一份文件', parameters: [idParam], responses: { ...okResp('文件', ref('CleanupItem')), ...errs('404') } } },
    '/api/cleanup/items/{id}/decision': {
      put: {
        summary: '作出清理结论（科员、科长）；修改、废止、宣布失效须填理由；clauses 为预审结果中的条款编号或路径',
        parameters: [idParam],
        requestBody: { required: true, content: jsonBody(input(DecisionBodySchema)) },
        responses: { ...okResp('结论已保存', ref('CleanupItem')), ...errs('400', '403', '404') },
      },
    },
    '/api/cleanup/items/{id}/confirm-text': {
      post: { summary: '确认上传的正文就是清单中的这份文件（文号或标题与清单不一致时，作出结论前须确认）', parameters: [idParam], requestBody: { required: false, content: jsonBody({ type: 'object' }) }, responses: { ...okResp('已确认', ref('CleanupItem')), ...errs('403', '404', '409') } },
    },
    '/api/cleanup/items/{id}/void': {
      post: { summary: '作废清单中的一份文件（须填理由）：保留记录，不再计入列表、进度和导出', parameters: [idParam], requestBody: { required: true, content: jsonBody(input(VoidSchema)) }, responses: { ...okResp('已作废', ref('CleanupItem')), ...errs('400', '403', '404', '409') } },
    },
    '/api/cleanup/items/{id}/restore': {
      post: { summary: '撤销作废清单中的文件', parameters: [idParam], responses: { ...okResp('已撤销作废', ref('CleanupItem')), ...errs('403', '404', '409') } },
    },
    '/api/cleanup/progress': {
      get: {
        summary: '期间内的清理数字（供双月报告等使用）',
        parameters: queryOf(PeriodQuerySchema),
        responses: { ...okResp('合计、按结论和按责任单位', { type: 'object', properties: { total: { type: 'integer' }, decided: { type: 'integer' }, undecided: { type: 'integer' }, byDecision: counts, departments: { type: 'array' }, campaigns: { type: 'array' } } }), ...errs('400') },
      },
    },
  };
}
