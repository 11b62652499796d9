/** The desk's part of /api/openapi.json (src/server/openapi.ts spreads it into its paths). */
import { BUSY_RESPONSE, errorResponses, inputSchema, queryParams, type Json } from '../kit/openapi-kit.js';
import type { z } from 'zod';
import { DeadlineSettingsSchema } from '../../desk/deadlines.js';
import {
  AssignSchema, CalendarAddQuery, CompareQuerySchema, PrereviewSchema, CalendarLoadSchema, LinkReviewSchema, MEETING_OUTCOMES, MeetingOutcomeSchema, NewMeetingSchema, NewRequestSchema, ReportQuerySchema,
  MaterialsSchema, RequestQuerySchema, TodoQuerySchema, TransitionSchema,
} from '../../desk/desk-types.js';
import { VoidSchema } from '../../store/types.js';
import { KindsInputSchema, REQUEST_KINDS } from '../../desk/kinds.js';
import { REQUEST_ACTIONS, REQUEST_STATUSES } from '../../desk/workflow.js';

const input = inputSchema;
const body = (schema: z.ZodType): Json => ({ required: true, content: { 'application/json': { schema: input(schema) } } });
const ERRORS: Record<string, string> = { '400': '请求无效', '401': '未登录或访问令牌无效', '403': '无权进行此操作', '404': '对象不存在', '409': '流程不允许此操作' };
const errors = (...codes: string[]): Record<string, Json> => errorResponses(ERRORS, ['401', ...codes]);
const ok = (description: string, status = '200'): Record<string, Json> => ({ [status]: { description, content: { 'application/json': { schema: { type: 'object' } } } } });
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];

/** The desk's paths for /api/openapi.json. */
export function deskOpenApiPaths(): Record<string, Json> {
  return {
    '/api/desk/requests': {
      get: { summary: '送审件列表，按到期日排列（部门、类型、类别、优先、承办人筛选；scope=open|done|all）', parameters: queryParams(RequestQuerySchema), responses: { ...ok('送审件及期限'), ...errors('400') } },
      post: { summary: `登记送审件（收件日期默认今天；kind：${REQUEST_KINDS.join('、')}，默认 normative）`, requestBody: body(NewRequestSchema), responses: { ...ok('登记的送审件及期限', '201'), ...errors('400', '403') } },
    },
    '/api/desk/requests/{id}': {
      get: { summary: '送审件详情：期限说明（按类别的审查期限）、流程记录、各版本、关联的审查记录、会审、送审材料（materials：清单、已收到、尚缺）', parameters: idParam, responses: { ...ok('详情'), ...errors('404') } },
      patch: { summary: '指定承办人（assigneeId 为 null 取消）', parameters: idParam, requestBody: body(AssignSchema), responses: { ...ok('送审件'), ...errors('400', '404') } },
    },
    '/api/desk/requests/{id}/void': {
      post: { summary: '作废送审件（须填理由；保留，不计入审查台和报告）', parameters: idParam, requestBody: body(VoidSchema), responses: { ...ok('作废后的送审件'), ...errors('400', '403', '404', '409') } },
    },
    '/api/desk/requests/{id}/restore': {
      post: { summary: '撤销作废送审件', parameters: idParam, responses: { ...ok('恢复后的送审件'), ...errors('403', '404', '409') } },
    },
    '/api/desk/requests/{id}/steps': {
      post: {
        summary: `推进流程（${REQUEST_ACTIONS.join('、')}）；状态：${REQUEST_STATUSES.join('、')}。退回补正时自动列明尚缺的送审材料（答复中 missingMaterials、returnNotice），材料齐全时须写 note；开始审查时未分配的送审件由操作人承办；早于最短审查时间出具意见须写 urgentReason；出具意见仅科长`,
        parameters: idParam,
        requestBody: body(TransitionSchema),
        responses: { ...ok('推进后的送审件'), ...errors('400', '403', '404', '409') },
      },
    },
    '/api/desk/requests/{id}/materials': {
      get: { summary: '送审材料：按类别的清单、已收到、尚缺', parameters: idParam, responses: { ...ok('送审材料'), ...errors('404') } },
      put: { summary: '登记已收到的送审材料（received 列出全部已收到的项目，须在清单内）', parameters: idParam, requestBody: body(MaterialsSchema), responses: { ...ok('送审材料'), ...errors('400', '404', '409') } },
    },
    '/api/desk/requests/{id}/link-candidates': {
      get: { summary: '可关联的审查记录：先列同一文件（原件摘要相同）和同一标题的，再列本部门近期的；不含已作废和已关联的', parameters: idParam, responses: { ...ok('审查记录（match：hash、title、department）'), ...errors('404') } },
    },
    '/api/desk/todo': {
      get: { summary: '我的待办：即将到期（dueSoonDays 个工作日内或已超期，默认取期限设置）、我承办的、待我签发的（科长）', parameters: queryParams(TodoQuerySchema), responses: { ...ok('待办'), ...errors('400') } },
    },
    '/api/desk/kinds': {
      get: { summary: '送审件类别设置：各类别的审查期限、送审材料清单、规则包', responses: { ...ok('类别设置'), ...errors() } },
      put: { summary: '修改送审件类别设置（仅管理员；只改给出的类别和项目）', requestBody: body(KindsInputSchema), responses: { ...ok('新的类别设置'), ...errors('400', '403') } },
    },
    '/api/desk/requests/{id}/versions': {
      post: {
        summary: '上传送审稿的新版本（原件按 SHA-256 保存）',
        parameters: idParam,
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, receivedOn: { type: 'string', format: 'date' }, note: { type: 'string' } }, required: ['file'] } } } },
        responses: { ...ok('新版本', '201'), ...errors('400', '404') },
      },
    },
    '/api/desk/requests/{id}/compare': {
      get: {
        summary: '比较送审稿的两个版本（第from版 → 第to版）：按内容对应条款、逐词差异、义务用语和数额期限变化、各问题的处理情况',
        parameters: [...idParam, ...queryParams(CompareQuerySchema)],
        responses: { ...ok('比较结果（两份文件差异过大时 comparison.tooDifferent 为 true，附说明）'), ...errors('400', '404'), ...BUSY_RESPONSE },
      },
    },
    '/api/desk/requests/{id}/prereview': {
      post: {
        summary: '对第N版送审稿（version，默认最新一版）预审并关联；仍存在的问题沿用上一版审查记录的决定（排除理由一并沿用，标为继承）',
        parameters: idParam,
        requestBody: body(PrereviewSchema),
        responses: { ...ok('新的审查记录、沿用的决定数、来源记录', '201'), ...errors('400', '404', '409'), ...BUSY_RESPONSE },
      },
    },
    '/api/desk/requests/{id}/reviews': {
      post: { summary: '关联一条审查记录（预审）', parameters: idParam, requestBody: body(LinkReviewSchema), responses: { ...ok('已关联的审查记录'), ...errors('400', '404') } },
    },
    '/api/desk/requests/{id}/reviews/{reviewId}': {
      delete: {
        summary: '取消关联一条审查记录（记录本身保留）',
        parameters: [...idParam, { name: 'reviewId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { ...ok('仍关联的审查记录'), ...errors('404') },
      },
    },
    '/api/desk/deadlines.ics': {
      get: {
        summary: '在办送审件的到期日（iCalendar，可导入日历软件；mine=1 只含我承办的；每件在到期日前 reminderDays 个工作日 9 时提醒）',
        parameters: [{ name: 'mine', in: 'query', required: false, schema: { enum: ['1'] } }],
        responses: { '200': { description: 'text/calendar', content: { 'text/calendar': { schema: { type: 'string' } } } }, ...errors() },
      },
    },
    '/api/desk/calendar': { get: { summary: '节假日安排的年份、期限设置和数据来源', responses: { ...ok('年份和设置'), ...errors() } } },
    '/api/desk/calendar/add': {
      get: { summary: '计算到期日：收件日期后第 days 个工作日，附说明；未发布年份给出警告', parameters: queryParams(CalendarAddQuery), responses: { ...ok('到期日和说明'), ...errors('400') } },
    },
    '/api/desk/calendar/years': {
      post: { summary: '导入一年的节假日安排（简单清单或 .ics；仅管理员；整份无误才导入）', requestBody: body(CalendarLoadSchema), responses: { ...ok('导入结果', '201'), ...errors('400', '403') } },
    },
    '/api/desk/settings': {
      put: { summary: '修改期限设置（仅管理员）', requestBody: body(DeadlineSettingsSchema), responses: { ...ok('新的设置'), ...errors('400', '403') } },
    },
    '/api/desk/meetings': {
      get: { summary: '集中会审列表', responses: { ...ok('会审'), ...errors() } },
      post: { summary: '组织集中会审（日期、参会人员、议程、送审件）', requestBody: body(NewMeetingSchema), responses: { ...ok('会审', '201'), ...errors('400', '404', '409') } },
    },
    '/api/desk/meetings/{id}': { get: { summary: '会审详情和各件结论', parameters: idParam, responses: { ...ok('会审'), ...errors('404') } } },
    '/api/desk/meetings/{id}/void': {
      post: { summary: '作废会审（须填理由；保留，不再列出，不能再记录结论）', parameters: idParam, requestBody: body(VoidSchema), responses: { ...ok('作废后的会审'), ...errors('400', '404', '409') } },
    },
    '/api/desk/meetings/{id}/restore': {
      post: { summary: '撤销作废会审', parameters: idParam, responses: { ...ok('恢复后的会审'), ...errors('404', '409') } },
    },
    '/api/desk/meetings/{id}/outcomes': {
      post: { summary: `记录一件送审稿的会审结论（${MEETING_OUTCOMES.join('、')}），与会审意见矛盾的结论（如同意而意见写不同意）拒绝；送审件随之推进（同意、修改后同意：出具意见，须科长；退回：退回补正），答复中 advance 说明推进情况`, parameters: idParam, requestBody: body(MeetingOutcomeSchema), responses: { ...ok('会审'), ...errors('400', '404') } },
    },
    '/api/desk/reports': {
      get: { summary: '工作报告数据：双月（默认当前双月）、季度、年度或任意期间（from/to）', parameters: queryParams(ReportQuerySchema), responses: { ...ok('报告数字'), ...errors('400') } },
    },
    '/api/desk/reports/document': {
      get: {
        summary: '下载工作报告：format=docx（Word，表格和以表格绘制的条形图，文书版头取管理员设置）或 xlsx（每张表一个工作表）',
        parameters: [...queryParams(ReportQuerySchema), { name: 'format', in: 'query', required: false, schema: { enum: ['docx', 'xlsx'], default: 'docx' } }],
        responses: {
          '200': { description: '报告文件', content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } },
          ...errors('400'),
        },
      },
    },
  };
}

