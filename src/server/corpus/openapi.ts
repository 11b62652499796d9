/** The local legal texts' part of /api/openapi.json (src/server/openapi.ts spreads it into its paths). */
import { ArticleRefSchema, VoidTextSchema } from '../../local-texts/types.js';
import { errorResponses, inputSchema, queryParams, type Json } from '../kit/openapi-kit.js';
import { ArticleQuerySchema, ImportJsonSchema, ListQuerySchema } from './api.js';

const ERRORS: Record<string, string> = {
  '400': '请求无效', '401': '未登录或访问令牌无效', '403': '不是管理员，或 CSRF 校验失败', '404': '对象不存在', '409': '该文本已导入或已作废', '413': '上传内容过大', '422': '文件无法读取，或未识别出标题、条款',
};
const errors = (...codes: string[]): Record<string, Json> => errorResponses(ERRORS, ['401', ...codes]);
const s = { type: 'string' };
const nullable = { type: ['string', 'null'] };
const arr = (items: Json) => ({ type: 'array', items });
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const list = (item: Json): Json => ({ type: 'object', properties: { items: arr(item), total: { type: 'integer' } }, required: ['items', 'total'] });

const ARTICLE: Json = {
  type: 'object',
  properties: { article: { ...s, description: '第X条，或一、（一）' }, text: s, items: arr({ type: 'object', properties: { item: { ...s, description: '（一）' }, text: s } }) },
};

export const CORPUS_SCHEMAS: Record<string, Json> = {
  LocalText: {
    type: 'object',
    description: '本科室导入的法规或规范性文件文本',
    properties: {
      id: { type: 'integer' }, title: s, docNumber: s, issuer: s, issuedOn: { ...nullable, format: 'date' }, effectiveOn: { ...nullable, format: 'date' },
      sourceName: { ...s, description: '导入的文件名' }, sourceHash: { ...s, description: '文件的 SHA-256' }, articles: arr(ARTICLE), importedBy: { type: ['integer', 'null'] },
      importedByName: { ...s, description: '导入人（命令行导入为“命令行”）' }, importedAt: s, voidedAt: nullable, voidedByName: nullable, voidReason: nullable,
    },
    required: ['id', 'title', 'articles', 'importedAt'],
  },
  ArticleHit: {
    type: 'object',
    properties: { law: s, title: s, docNumber: s, article: s, item: s, text: s, source: { enum: ['bundled', 'local'], description: 'bundled：内置语料库；local：本地导入' } },
    required: ['law', 'article', 'text', 'source'],
  },
  ArticleRef: inputSchema(ArticleRefSchema),
};

const IMPORT_FIELDS = { title: s, docNumber: s, issuer: s, issued: { ...s, format: 'date' }, effective: { ...s, format: 'date' } };

export function corpusOpenApiPaths(): Record<string, Json> {
  const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
  return {
    '/api/admin/corpus': {
      get: { summary: '本地法规文本列表（仅管理员；all=1 含已作废的）', parameters: queryParams(ListQuerySchema), responses: { '200': { description: '导入的文本，新的在前', content: json(list(ref('LocalText'))) }, ...errors('400', '403') } },
      post: {
        summary: '导入本地法规文本（仅管理员）：.docx、.txt 或 .md，读取标题、文号、制定机关、日期，按第X条或一、（一）拆分条款；所给字段改写读出的元数据',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, ...IMPORT_FIELDS }, required: ['file'] } },
            'application/json': { schema: inputSchema(ImportJsonSchema) },
          },
        },
        responses: { '201': { description: '导入的文本', content: json(ref('LocalText')) }, ...errors('400', '403', '409', '413', '422') },
      },
    },
    '/api/admin/corpus/{id}': {
      get: { summary: '一件本地法规文本及其条款（仅管理员）', parameters: id, responses: { '200': { description: '文本', content: json(ref('LocalText')) }, ...errors('403', '404') } },
    },
    '/api/admin/corpus/{id}/void': {
      post: {
        summary: '作废本地法规文本（仅管理员；须写理由，记录保留、不再被引用）',
        parameters: id,
        requestBody: { required: true, content: json(inputSchema(VoidTextSchema)) },
        responses: { '200': { description: '作废后的文本', content: json(ref('LocalText')) }, ...errors('400', '403', '404', '409') },
      },
    },
    '/api/corpus/articles': {
      get: {
        summary: '依据检索：按法规名称、文号、条款或正文中的词查找内置语料库和本地导入文本的条款（空格分隔的词须都出现）',
        parameters: queryParams(ArticleQuerySchema),
        responses: { '200': { description: '命中的条款（含项），本地文本在前', content: json(list(ref('ArticleHit'))) }, ...errors('400') },
      },
    },
  };
}

/** POST /api/reviews/{id}/findings: the hand-added finding's schema with the picked basis. */
export function withPickedBasis(schema: Json): Json {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  return {
    ...schema,
    properties: { ...properties, basis: { type: 'array', maxItems: 5, items: ref('ArticleRef'), description: '依据：从 GET /api/corpus/articles 选出的条款（law、article、item）；保存时取其原文，找不到的条款被拒绝' } },
  };
}
