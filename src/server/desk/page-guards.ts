/**
 * What the desk's page routes share: who may open them, the upload limit, the status codes a
 * refusal comes back with, and the one-line notices after a write (?ok=…).
 */
import { bodyLimit } from 'hono/body-limit';
import { DEFAULT_LIMITS } from '../../review/core.js';
import { BadRequest } from '../kit/api-kit.js';
import { requireRole, requireUser } from '../auth.js';
import { errorPage } from '../kit/error.js';
import { idParam, page, refusal as userRefusal, type C } from '../kit/page-kit.js';

export type Status = 200 | 403 | 404 | 409 | 413 | 422 | 429;

/** A refusal the user can act on (store, reader, bad request), or rethrow. */
export function refusal(e: unknown): { status: Status; message: string } {
  if (e instanceof BadRequest) return { status: 422, message: e.message };
  return userRefusal(e);
}

export const idOf = idParam;

const NOTICES: Record<string, string> = {
  created: '已登记送审件。',
  step: '已记录。',
  assigned: '已指定承办人。',
  version: '已上传新版本。',
  linked: '已关联预审记录。',
  unlinked: '已取消关联（预审记录仍在审查记录中）。',
  reviewed: '已完成预审并关联。',
  settings: '已保存期限设置。',
  year: '已导入节假日安排。',
  outcome: '已记录会审结论。',
  materials: '已保存送审材料收到情况。',
  kinds: '已保存送审件类别设置。',
  voided: '已作废（记录保留，不再计入审查台和统计）。',
  restored: '已撤销作废。',
};

export const signedIn = requireUser('page');
export const admin = requireRole(['admin'], 'page');
export const uploadLimit = bodyLimit({ maxSize: DEFAULT_LIMITS.maxInputBytes + 64 * 1024, onError: (c) => page(c as C, errorPage(c as C, 413, '上传内容过大，请拆分文件后重新提交'), 413) });
export const notice = (c: C) => NOTICES[c.req.query('ok') ?? ''];
