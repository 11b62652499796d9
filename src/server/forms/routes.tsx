/**
 * The pages of the section's forms: the 公平竞争审查表 of a review (everyone signed in; the store
 * refuses a signed or voided review) and the admin's 文书版头. Plain forms with `_csrf`; a refused
 * save shows the page again with what was typed and the Chinese reason, and changes nothing.
 */
import { Hono } from 'hono';
import { DEFAULT_TEMPLATE, headerTemplate, setHeaderTemplate, type FcrFormInput, type FcrStandards, type OpinionTemplate } from '../../review/core.js';
import { requireRole, requireUser, verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorPage } from '../kit/error.js';
import { viewerOf } from '../kit/format.js';
import { formBody, page, refusal, str, type Body, type C } from '../kit/page-kit.js';
import { FcrFormPage } from './fcr-form-page.js';
import { fcrStore, fcrView, type FcrView } from './fcr-shared.js';
import { TemplatePage } from './template-page.js';

const signedIn = requireUser('page');
const admin = requireRole(['admin'], 'page');

/** The posted page form as the store's input: one 是/否 and note per standard, the exception, the conclusion. */
export function fcrInputOf(body: Body, standards: FcrStandards): FcrFormInput {
  const boxes: FcrFormInput['boxes'] = {};
  for (const a of standards.articles) for (const s of a.standards) boxes[s.key] = { involved: str(body, `involved.${s.key}`) === 'yes', note: str(body, `note.${s.key}`) };
  return {
    boxes,
    exception: {
      applies: str(body, 'exception.applies') === '1',
      ground: str(body, 'exception.ground'),
      justification: str(body, 'exception.justification'),
      alternatives: str(body, 'exception.alternatives'),
      term: str(body, 'exception.term'),
    },
    conclusion: str(body, 'conclusion'),
  };
}

function fcrRoutes(r: Hono<AppEnv>): void {
  const show = (c: C, view: FcrView, status: 200 | 403 | 404 | 409 | 422 | 429 = 200, error?: string) =>
    page(c, <FcrFormPage viewer={viewerOf(c)} review={view.detail.review} standards={view.standards} values={view.values} hints={view.hints} stored={view.stored} notice={status === 200 && c.req.query('ok') === '1' ? '已保存公平竞争审查表。' : undefined} error={error} />, status);

  r.get('/reviews/:id/fcr-form', signedIn, async (c) => {
    try {
      const view = await fcrView(c, c.req.param('id'));
      return view ? show(c, view) : page(c, errorPage(c, 404, '没有这条审查记录，可能链接有误'), 404);
    } catch (e) {
      const x = refusal(e);
      return page(c, errorPage(c, x.status, x.message), x.status);
    }
  });

  r.post('/reviews/:id/fcr-form', signedIn, verifyCsrf, async (c) => {
    const id = c.req.param('id');
    let view: FcrView | null;
    try {
      view = await fcrView(c, id);
    } catch (e) {
      const x = refusal(e);
      return page(c, errorPage(c, x.status, x.message), x.status);
    }
    if (!view) return page(c, errorPage(c, 404, '没有这条审查记录，可能链接有误'), 404);
    const input = fcrInputOf(await formBody(c), view.standards);
    try {
      await fcrStore(c).save(id, input, view.standards, c.var.user!.id);
    } catch (e) {
      const x = refusal(e);
      // what was typed stays on the page; nothing was stored
      const typed = { ...view.values, boxes: input.boxes as FcrView['values']['boxes'], exception: { ...view.values.exception, ...input.exception } as FcrView['values']['exception'], conclusion: input.conclusion ?? '' };
      return show(c, { ...view, values: typed }, x.status, x.message);
    }
    return c.redirect(`/reviews/${encodeURIComponent(id)}/fcr-form?ok=1`, 303);
  });
}

function templateRoutes(r: Hono<AppEnv>): void {
  r.get('/admin/template', admin, async (c) => page(c, <TemplatePage viewer={viewerOf(c)} values={await headerTemplate(c.var.deps.store)} notice={c.req.query('ok') === '1' ? '已保存文书版头。' : undefined} />));

  r.post('/admin/template', admin, verifyCsrf, async (c) => {
    const body = await formBody(c);
    const typed: OpinionTemplate = {
      bureau: str(body, 'bureau'),
      mark: str(body, 'mark'),
      signature: str(body, 'signature'),
      contact: str(body, 'contact'),
      opening: str(body, 'opening') || DEFAULT_TEMPLATE.opening,
      closing: str(body, 'closing') || DEFAULT_TEMPLATE.closing,
    };
    try {
      await setHeaderTemplate(c.var.deps.store, typed, c.var.user!.id);
    } catch (e) {
      const x = refusal(e);
      return page(c, <TemplatePage viewer={viewerOf(c)} values={typed} error={x.message} />, x.status);
    }
    return c.redirect('/admin/template?ok=1', 303);
  });
}

export function formPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  fcrRoutes(r);
  templateRoutes(r);
  return r;
}
