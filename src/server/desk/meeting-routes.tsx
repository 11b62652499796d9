/** The 集中会审 pages: /meetings (list, new), one meeting, its outcomes, void and restore. */
import type { Hono } from 'hono';
import { advanceText, PENDING_KINDS, type PendingKind } from '../../desk/meeting-outcomes.js';
import { verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorPage } from '../kit/error.js';
import { viewerOf } from '../kit/format.js';
import { formBody, page, str, type Body, type C } from '../kit/page-kit.js';
import { deskOf } from './desk-shared.js';
import { MeetingPage, MeetingsPage } from './meeting-pages.js';
import { idOf, notice, refusal, signedIn, type Status } from './page-guards.js';

/** After a meeting outcome: how its request moved (codes only in the address). */
function outcomeNotice(c: C): string | undefined {
  if (c.req.query('ok') !== 'outcome') return undefined;
  const steps = (c.req.query('moved') ?? '').split('.').filter((s): s is 'start' | 'opinion' | 'return' => s === 'start' || s === 'opinion' || s === 'return');
  const p = c.req.query('pending') ?? '';
  return advanceText(steps, (PENDING_KINDS as readonly string[]).includes(p) ? (p as PendingKind) : null);
}

export function meetingRoutes(r: Hono<AppEnv>): void {
  // ---- 集中会审

  const meetingsPage = async (c: C, status: Status = 200, error?: string) => {
    const desk = deskOf(c);
    const [meetings, open] = await Promise.all([desk.listMeetings(), desk.listRequests({ scope: 'open' })]);
    return page(c, <MeetingsPage viewer={viewerOf(c)} meetings={meetings} open={open} today={desk.today()} error={error} />, status);
  };
  r.get('/meetings', signedIn, (c) => meetingsPage(c));
  r.get('/meetings/new', signedIn, (c) => meetingsPage(c));

  r.post('/meetings', signedIn, verifyCsrf, async (c) => {
    const b = await formBody(c);
    const ids = b['requestIds'];
    const requestIds = (Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]).filter((x): x is string => typeof x === 'string').map(Number);
    try {
      const m = await deskOf(c).createMeeting({ heldOn: str(b, 'heldOn'), title: str(b, 'title'), members: str(b, 'members'), agenda: str(b, 'agenda'), requestIds }, c.var.user!.id);
      return c.redirect(`/meetings/${m.id}`, 303);
    } catch (e) {
      const x = refusal(e);
      return meetingsPage(c, x.status, x.message);
    }
  });

  const meetingPage = async (c: C, status: Status = 200, error?: string) => {
    const m = await deskOf(c).getMeeting(idOf(c));
    if (!m) return page(c, errorPage(c, 404, '没有这次会审'), 404);
    return page(c, <MeetingPage viewer={viewerOf(c)} meeting={m} error={error} notice={status === 200 ? outcomeNotice(c) ?? notice(c) : undefined} />, status);
  };
  r.get('/meetings/:id', signedIn, (c) => meetingPage(c));

  for (const [path, apply, ok] of [
    ['void', (c: C, b: Body) => deskOf(c).voidMeeting(idOf(c), { reason: str(b, 'reason') }, c.var.user!.id), 'voided'],
    ['restore', (c: C) => deskOf(c).restoreMeeting(idOf(c), c.var.user!.id), 'restored'],
  ] as const) {
    r.post(`/meetings/:id/${path}`, signedIn, verifyCsrf, async (c) => {
      try {
        await apply(c, await formBody(c));
        return c.redirect(`/meetings/${idOf(c)}?ok=${ok}`, 303);
      } catch (e) {
        const x = refusal(e);
        return x.status === 404 ? page(c, errorPage(c, 404, x.message), 404) : meetingPage(c, x.status, x.message);
      }
    });
  }

  r.post('/meetings/:id/outcomes', signedIn, verifyCsrf, async (c) => {
    const b = await formBody(c);
    try {
      const done = await deskOf(c).recordOutcome(idOf(c), Number(str(b, 'requestId')), { outcome: str(b, 'outcome') as never, note: str(b, 'note'), urgentReason: str(b, 'urgentReason') }, c.var.user!.id);
      const { steps, pendingKind } = done.advance;
      return c.redirect(`/meetings/${idOf(c)}?ok=outcome&moved=${steps.join('.')}${pendingKind ? `&pending=${pendingKind}` : ''}`, 303);
    } catch (e) {
      const x = refusal(e);
      return x.status === 404 ? page(c, errorPage(c, 404, x.message), 404) : meetingPage(c, x.status, x.message);
    }
  });
}
