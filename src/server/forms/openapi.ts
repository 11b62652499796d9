/** The forms' part of /api/openapi.json (src/server/openapi.ts spreads it into its paths). */
import { FcrFormSchema, HeaderTemplateSchema } from '../../review/core.js';
import { errorResponses, inputSchema, type Json } from '../kit/openapi-kit.js';

const ERRORS: Record<string, string> = { '400': '请求无效', '401': '未登录或访问令牌无效', '403': '无权进行此操作', '404': '审查记录不存在', '409': '审查记录已签发或已作废' };
const errors = (...codes: string[]): Record<string, Json> => errorResponses(ERRORS, ['401', ...codes]);
const ok = (description: string): Record<string, Json> => ({ '200': { description, content: { 'application/json': { schema: { type: 'object' } } } } });
const body = (schema: Json): Json => ({ required: true, content: { 'application/json': { schema } } });
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function formOpenApiPaths(): Record<string, Json> {
  return {
    '/api/reviews/{id}/fcr-form': {
      get: { summary: '公平竞争审查表：《公平竞争审查条例》第八条至第十一条各项、按已确认问题提出的初稿或已保存的内容', parameters: id, responses: { ...ok('审查标准、表单内容、保存信息、各项引用的已确认问题'), ...errors('400', '404') } },
      put: {
        summary: '保存公平竞争审查表（各项是否涉及和说明、第十二条例外及理由、审查结论）；审查记录签发或作废后不能修改',
        parameters: id,
        requestBody: body(inputSchema(FcrFormSchema)),
        responses: { ...ok('保存后的表单'), ...errors('400', '403', '404', '409') },
      },
    },
    '/api/reviews/{id}/fcr-form/docx': {
      get: { summary: '下载公平竞争审查表（Word）', parameters: id, responses: { '200': { description: '公平竞争审查表', content: { [DOCX]: {} } }, ...errors('400', '404') } },
    },
    '/api/settings/template': {
      get: { summary: '文书版头（机关名称、发文机关标志、落款、联系方式）', responses: { ...ok('当前版头'), ...errors() } },
      put: { summary: '修改文书版头（仅管理员），记入操作日志', requestBody: body(inputSchema(HeaderTemplateSchema)), responses: { ...ok('保存后的版头'), ...errors('400', '403') } },
    },
  };
}
