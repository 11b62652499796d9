/** The admin's 本地法规 pages: list, import (multipart with `_csrf`), one text, 作废. The store checks every change. */
import { bodyLimit } from 'hono/body-limit';
import { Hono } from 'hono';
import { importLocalText } from '../../local-texts/import.js';
import { LocalTextStore } from '../../local-texts/local-text-store.js';
import { requireRole, verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorPage } from '../kit/error.js';
import { viewerOf } from '../kit/format.js';
import { MAX_BODY_BYTES } from '../kit/api-kit.js';
import { file, formBody, idParam, page, refusal, str, type C, type PageStatus } from '../kit/page-kit.js';
import { CorpusPage, CorpusTextPage, type ImportValues } from './corpus-page.js';

const admin = requireRole(['admin'], 'page');
const NOTICES: Record<string, string> = { imported: '已导入。规则和手工添加的问题现可引用该文本的条文。', voided: '已作废，该文本不再被引用。' };

export function corpusPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const texts = (c: C) => new LocalTextStore(c.var.deps.store);

  const listPage = async (c: C, status: PageStatus = 200, error?: string, values?: ImportValues) => {
    const showVoided = c.req.query('all') === '1';
    const notice = status === 200 ? NOTICES[c.req.query('ok') ?? ''] : undefined;
    return page(c, <CorpusPage viewer={viewerOf(c)} texts={await texts(c).list({ includeVoided: showVoided })} showVoided={showVoided} values={values} error={error} notice={notice} />, status);
  };

  r.get('/admin/corpus', admin, (c) => listPage(c));

  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => listPage(c as C, 413, '上传内容超过上限，请拆分文件后重新导入') });

  r.post('/admin/corpus', admin, limit, verifyCsrf, async (c) => {
    const body = await formBody(c);
    const values: ImportValues = { title: str(body, 'title'), docNumber: str(body, 'docNumber'), issuer: str(body, 'issuer'), issued: str(body, 'issued'), effective: str(body, 'effective') };
    const upload = file(body, 'file');
    if (!upload) return listPage(c, 422, '请选择要导入的文件（.docx、.txt 或 .md）', values);
    try {
      const t = await importLocalText(
        { store: c.var.deps.store, readDocx: c.var.deps.readDocx },
        { bytes: new Uint8Array(await upload.arrayBuffer()), fileName: upload.name, meta: values },
        c.var.user!.id,
      );
      return c.redirect(`/admin/corpus?ok=imported#text-${t.id}`, 303);
    } catch (e) {
      const { status, message } = refusal(e);
      return listPage(c, status, message, values);
    }
  });

  r.get('/admin/corpus/:id{[0-9]+}', admin, async (c) => {
    const t = await texts(c).get(idParam(c));
    if (!t) return page(c, errorPage(c, 404, '没有这件本地法规文本'), 404);
    return page(c, <CorpusTextPage viewer={viewerOf(c)} text={t} />);
  });

  r.post('/admin/corpus/:id{[0-9]+}/void', admin, verifyCsrf, async (c) => {
    const body = await formBody(c);
    try {
      await texts(c).void(idParam(c), { reason: str(body, 'reason') }, c.var.user!.id);
    } catch (e) {
      const { status, message } = refusal(e);
      return listPage(c, status, message);
    }
    return c.redirect('/admin/corpus?ok=voided', 303);
  });
  return r;
}
