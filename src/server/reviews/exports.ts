/**
 * Downloads of a review: GET /api/reviews/{id}/export?format=docx|html|md|json|text (the same
 * writers as the CLI; 审查意见书 for docx, with the reviewer's conclusion and, on request, the
 * internal appendix) and GET /api/reviews/{id}/annotated (the draft returned with comments).
 */
import { zValidator } from '@hono/zod-validator';
import type { Hono } from 'hono';
import { z } from 'zod';
import { adoptionFor, commentedDraft, CONCLUSIONS, EXPORT_FORMATS, headerTemplate, ingestBytes, ingestText, reviewExportOf, WRITERS } from '../../review/core.js';
import { DeskStore } from '../../desk/desk-store.js';
import { attachment, hook } from '../kit/api-kit.js';
import type { ApiError, AppEnv } from '../env.js';

export const ExportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `format 只能是 ${EXPORT_FORMATS.join('、')}` }).default('docx'),
  /** An empty choice (the page's 「由审查人填写」) leaves the conclusion blank in the document. */
  conclusion: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CONCLUSIONS, { error: `审查结论只能是 ${CONCLUSIONS.join('、')}` }).optional()),
  appendix: z.enum(['0', '1']).optional(),
});

export const AnnotatedQuerySchema = z.object({ tracked: z.enum(['0', '1']).optional() });

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 80);

/** Adds the download routes to the JSON API (which already checks the user). */
export function addReviewExportRoutes(api: Hono<AppEnv>): void {
  api.get('/reviews/:id/export', zValidator('query', ExportQuerySchema, hook), async (c) => {
    const detail = await c.var.deps.store.getReview(c.req.param('id'));
    if (!detail) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这条审查记录' }, 404);
    const q = c.req.valid('query');
    const writer = WRITERS[q.format];
    // the conclusion stored on the review (chosen on the report page) unless the download asks for another
    const conclusion = q.conclusion ?? detail.review.conclusion;
    const store = c.var.deps.store;
    const adoption = await adoptionFor((id) => store.getReview(id), detail, c.var.deps.segmenter);
    const version = await new DeskStore(store).versionOfReview(detail.review.id);
    const review = reviewExportOf(detail);
    if (version !== null) review.record = { ...review.record, version };
    const bytes = await writer.write(review, {
      laws: c.var.deps.ruleSet?.corpus.laws ?? [],
      ...(conclusion ? { conclusion } : {}),
      ...(adoption ? { adoption } : {}),
      appendix: q.appendix === '1',
      template: await headerTemplate(c.var.deps.store),
    });
    const name = q.format === 'docx' ? `审查意见书-${safeName(detail.review.title)}.docx` : `审查意见-${safeName(detail.review.title)}.${writer.extension}`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': writer.mime, 'Content-Disposition': attachment(name), 'X-Content-Type-Options': 'nosniff' });
  });

  api.get('/reviews/:id/annotated', zValidator('query', AnnotatedQuerySchema, hook), async (c) => {
    const deps = c.var.deps;
    const detail = await deps.store.getReview(c.req.param('id'));
    if (!detail) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这条审查记录' }, 404);
    const stored = detail.review.documentHash ? await deps.store.getDocument(detail.review.documentHash) : null;
    const doc =
      stored && /\.docx$/i.test(stored.fileName)
        ? await ingestBytes(stored.bytes, { fileName: stored.fileName, ...(deps.readDocx ? { readDocx: deps.readDocx } : {}) })
        : stored
          ? await ingestBytes(stored.bytes, { fileName: stored.fileName })
          : ingestText(detail.document.text);
    const result = await commentedDraft(doc, stored?.bytes, reviewExportOf(detail).findings, {
      author: c.var.user?.displayName || c.var.user?.name || '法护',
      tracked: c.req.valid('query').tracked === '1',
      laws: deps.ruleSet?.corpus.laws ?? [],
    });
    const base = safeName((stored?.fileName ?? detail.review.title).replace(/\.(docx|txt|md)$/i, ''));
    return c.body(result.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': DOCX,
      'Content-Disposition': attachment(`批注稿-${base}.docx`),
      'X-Content-Type-Options': 'nosniff',
      'X-Fahu-Unplaced': String(result.unplaced.length),
    });
  });
}
