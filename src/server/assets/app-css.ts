/** The stylesheet, served as /assets/app.css. System Chinese fonts only; print rules at the end. */
export const APP_CSS = String.raw`
:root {
  --fg: #1f2328; --muted: #5b636d; --bg: #f5f6f8; --card: #fff; --line: #d8dde3;
  --accent: #1f5fbf; --accent-dark: #174a94; --danger: #b42318; --ok: #18794e;
  --high: #fde2e1; --high-line: #c8322b; --medium: #fff1c2; --medium-line: #b7791f; --low: #e3effd; --low-line: #3b73c4;
  --focus: #ffbf47;
  font-family: "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 15px; line-height: 1.65; color: var(--fg); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
a:hover { color: var(--accent-dark); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
[hidden] { display: none !important; }
h1 { font-size: 1.5rem; margin: .2rem 0 .8rem; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
code { background: #eef0f3; padding: 0 .25rem; border-radius: 3px; font-size: .9em; }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
.nowrap { white-space: nowrap; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: -999px; top: .5rem; background: #fff; padding: .4rem .8rem; z-index: 100; }
.skip-link:focus { left: .5rem; }

/* ---- top bar */
.topbar { display: flex; align-items: center; gap: 1.5rem; padding: 0 1.25rem; height: 52px; background: #16365f; color: #fff; }
.topbar a { color: #fff; text-decoration: none; }
.brand { font-weight: 700; font-size: 1.1rem; white-space: nowrap; }
.brand span { font-weight: 400; font-size: .85rem; opacity: .8; margin-left: .3rem; }
.topbar nav ul { display: flex; gap: .25rem; list-style: none; margin: 0; padding: 0; }
.topbar nav a { display: block; padding: .35rem .8rem; border-radius: 4px; }
.topbar nav a:hover { background: rgba(255,255,255,.12); }
.topbar nav a[aria-current="page"] { background: rgba(255,255,255,.22); font-weight: 600; }
.who { margin-left: auto; display: flex; align-items: center; gap: .5rem; white-space: nowrap; }
.who a.who-name { color: inherit; text-decoration: none; }
.who a.who-name:hover, .who a.who-name:focus { text-decoration: underline; }
.role-badge { font-size: .8rem; border: 1px solid rgba(255,255,255,.6); border-radius: 10px; padding: 0 .5rem; }
.topbar .btn-link { color: #fff; }

main { max-width: 1100px; margin: 0 auto; padding: 1.2rem 1.25rem 3rem; }
main.wide { max-width: none; }
main:focus { outline: none; }

/* ---- controls */
.btn { display: inline-block; font: inherit; font-size: .9rem; padding: .35rem .9rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--fg); cursor: pointer; text-decoration: none; line-height: 1.5; }
.btn:hover { background: #eef2f7; }
.btn-primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.btn-primary:hover { background: var(--accent-dark); color: #fff; }
.btn-danger { border-color: var(--danger); color: var(--danger); }
.btn-danger:hover { background: #fdecea; }
.btn-confirm { border-color: var(--ok); color: var(--ok); }
.btn-small { padding: .1rem .5rem; font-size: .8rem; }
.btn-link { background: none; border: none; padding: 0; text-decoration: underline; cursor: pointer; font: inherit; }
.btn[disabled] { opacity: .5; cursor: not-allowed; }
form.inline { display: inline; }
.narrow-form { max-width: 24rem; display: flex; flex-direction: column; gap: .3rem; }
.inline-form { display: flex; align-items: center; gap: .6rem; margin-top: .8rem; }
.inline-form input { max-width: 18rem; }
.token-once pre { background: #f3f5f8; padding: .6rem; overflow-x: auto; }
label { display: block; font-weight: 600; margin: .7rem 0 .25rem; }
input:not([type]), input[type=text], input[type=number], input[type=password], input[type=search], input[type=date], select, textarea {
  font: inherit; font-size: .95rem; padding: .4rem .55rem; border: 1px solid #b9c0c8; border-radius: 4px; background: #fff; width: 100%; }
textarea { resize: vertical; }
.field-row { display: flex; gap: 1rem; flex-wrap: wrap; }
.field-row .field { flex: 1 1 14rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem; margin: 0 0 1rem; }
.notice { padding: .55rem .8rem; border-radius: 4px; margin: .6rem 0; }
.notice-error { background: #fdecea; color: var(--danger); border: 1px solid #f3b8b2; }
.notice-ok { background: #e7f5ee; color: var(--ok); border: 1px solid #b5dfc9; }
.notice-info { background: #eef4fd; border: 1px solid #c7d9f4; }
.empty { padding: 1.5rem; text-align: center; color: var(--muted); background: #fff; border: 1px dashed var(--line); border-radius: 6px; }

/* ---- login and errors */
.login-main { max-width: 26rem; margin: 8vh auto; }
.login-card h1 { font-size: 1.25rem; }
.login-card .btn { width: 100%; margin-top: 1.1rem; padding: .5rem; }
.error-card { max-width: 40rem; margin: 2rem auto; }

/* ---- upload */
.drop-zone { border: 2px dashed #9fb0c6; border-radius: 8px; padding: 1.2rem; text-align: center; background: #f9fbfe; }
.drop-zone.dragover { border-color: var(--accent); background: #e8f0fc; }
.drop-label { font-weight: 400; cursor: pointer; margin: 0 0 .5rem; }
.link-like { color: var(--accent); text-decoration: underline; }
.or { text-align: center; color: var(--muted); margin: .8rem 0 0; }
.progress-block { margin: 1rem 0 0; display: flex; align-items: center; gap: .8rem; }
fieldset.packs { border: 1px solid var(--line, #d5dbe3); border-radius: 6px; margin: 1rem 0 0; padding: .5rem .9rem .6rem; }
fieldset.packs legend { font-weight: 600; padding: 0 .3rem; }
label.check { display: inline-flex; align-items: center; gap: .35rem; margin-right: 1.2rem; font-weight: normal; }
.progress-block progress { flex: 0 0 18rem; height: 1rem; }
#submit-review { margin-top: 1rem; padding: .5rem 1.6rem; font-size: 1rem; }
.recent-list { padding-left: 1.2rem; }

/* ---- tables */
.data-table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
.data-table th, .data-table td { padding: .45rem .6rem; border-bottom: 1px solid #e6e9ed; text-align: left; vertical-align: top; }
.data-table thead th { background: #f0f2f5; font-size: .9rem; }
.data-table tbody tr:hover { background: #f8fafc; }
.row-disabled td { color: var(--muted); }
ul.plain { list-style: none; margin: 0; padding: 0; }
.filters { display: flex; flex-wrap: wrap; gap: .8rem; align-items: flex-end; }
.filters .field { flex: 1 1 9rem; }
.filters label { margin-top: 0; }
.field-buttons { display: flex; gap: .5rem; flex: 0 0 auto !important; }
.pager { display: flex; gap: 1rem; align-items: center; justify-content: center; margin: 1rem 0; }
.pager .disabled { color: var(--muted); }
.pager-info { color: var(--muted); text-align: center; }
.count { display: inline-block; min-width: 1.5rem; padding: 0 .4rem; border-radius: 10px; background: #e6e9ee; font-size: .8rem; text-align: center; font-weight: 400; }

/* ---- badges */
.sev-badge { display: inline-block; min-width: 1.6rem; text-align: center; border-radius: 3px; font-size: .8rem; font-weight: 700; padding: 0 .3rem; }
.sev-badge.sev-high { background: var(--high-line); color: #fff; }
.sev-badge.sev-medium { background: var(--medium-line); color: #fff; }
.sev-badge.sev-low { background: var(--low-line); color: #fff; }
.status-badge { display: inline-block; font-size: .8rem; border-radius: 10px; padding: 0 .55rem; background: #eceff3; white-space: nowrap; }
.status-badge.status-open, .status-badge.review-draft { background: #fff4d6; color: #7a5200; }
.status-badge.status-confirmed, .status-badge.review-reviewing { background: #e1f3e9; color: var(--ok); }
.status-badge.status-dismissed { background: #eceff3; color: var(--muted); }
.inherited-badge { display: inline-block; font-size: .8rem; border-radius: 3px; padding: 0 .4rem; margin-left: .4rem; background: #e8eefb; color: #24437a; border: 1px solid #b8c7e6; }
#compare-form select, #conclusion-form select { width: auto; min-width: 10rem; }
.conclusion-panel { padding-top: .5rem; padding-bottom: .5rem; }
.conclusion-panel h2 { margin: .2rem 0; }
.conclusion-panel p { margin: .3rem 0; }
.adoption ol { margin: .3rem 0 .3rem 1.5rem; padding: 0; }
.adoption-badge { display: inline-block; font-size: .8rem; border-radius: 3px; padding: 0 .4rem; border: 1px solid; }
.adoption-badge.adopted { background: #e7f4ea; color: #1d5b2c; border-color: #9fcfaa; }
.adoption-badge.not-adopted { background: #fbeaea; color: #8a1f1f; border-color: #e3a9a9; }
.diff-text { white-space: pre-wrap; line-height: 1.8; }
.diff-text del { background: #fde2e1; color: #8a1f11; }
.diff-text ins { background: #dff3e4; color: #14532d; text-decoration: none; border-bottom: 1px solid #14532d; }
.status-badge.review-signed { background: #16365f; color: #fff; }
.status-badge.review-voided { background: #f6e0e0; color: #8a1c1c; margin-left: .25rem; }
.void-panel { margin: .5rem 0; }
.void-panel summary { cursor: pointer; color: var(--muted); }
.void-panel textarea { width: 100%; max-width: 40rem; display: block; }
.tag { font-size: .75rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem; margin-left: .4rem; }

/* ---- report */
.report-main { padding-top: .8rem; }
.report-head { display: flex; justify-content: space-between; gap: 1rem; align-items: flex-start; flex-wrap: wrap; }
.report-head h1 { margin-bottom: .2rem; }
.report-head .meta { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: 0; color: var(--muted); font-size: .9rem; }
.report-tools { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.report-tools p { margin: 0; max-width: 22rem; }
.export-tools { position: relative; }
.export-tools > summary { list-style: none; cursor: pointer; }
.export-tools[open] > form, .export-tools[open] > p { background: #fff; }
.export-tools form { display: flex; flex-direction: column; gap: .4rem; padding: .6rem; border: 1px solid #d0d7de; border-radius: 4px; margin-top: .4rem; max-width: 24rem; }
.export-other { font-size: .9em; margin: .4rem 0 0; }
.signed-info { background: #e9eef6; padding: .4rem .7rem; border-radius: 4px; }
.summary { border-collapse: collapse; margin: .6rem 0; font-size: .85rem; background: #fff; }
.summary caption { text-align: left; font-weight: 600; padding-bottom: .2rem; }
.summary th, .summary td { border: 1px solid var(--line); padding: .15rem .6rem; text-align: center; }
.summary th[scope=row] { text-align: left; font-weight: 400; }
.summary tfoot { font-weight: 700; }
.warnings { background: #fff8e6; border: 1px solid #f0d48a; border-radius: 4px; padding: .4rem .4rem .4rem 1.8rem; font-size: .85rem; }
.report-grid { display: grid; grid-template-columns: minmax(0, 11fr) minmax(0, 9fr); gap: 1rem; margin-top: .6rem; }
.pane { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem 1rem; position: relative; }
.pane > h2 { margin: .2rem 0 .4rem; }
@media (min-width: 900px) {
  .pane { max-height: calc(100vh - 70px); overflow: auto; position: sticky; top: .5rem; }
}
.doc-text { font-size: 1rem; line-height: 1.9; }
.line { display: flex; gap: .6rem; padding: 0 .2rem; border-radius: 3px; }
.line-opens { margin-top: .35rem; }
.clause-path { flex: 0 0 5.5rem; font-size: .75rem; color: var(--muted); text-align: right; padding-top: .25rem; line-height: 1.4; user-select: none; -webkit-user-select: none; }
.line-text { flex: 1; white-space: pre-wrap; word-break: break-word; }
.kind-title .line-text { font-weight: 700; font-size: 1.1rem; text-align: center; }
.hl { color: inherit; text-decoration: none; border-bottom: 2px solid; border-radius: 2px; padding: 1px 0; }
.hl-high { background: var(--high); border-color: var(--high-line); }
.hl-medium { background: var(--medium); border-color: var(--medium-line); }
.hl-low { background: var(--low); border-color: var(--low-line); }
.hl-status-dismissed { background: none; border-bottom-style: dotted; }
.hl-status-confirmed { border-bottom-width: 3px; }
.hl:hover { filter: brightness(.95); }
.hl.active, .hl:target { outline: 3px solid var(--focus); outline-offset: 1px; }
#add-finding-button { position: absolute; z-index: 20; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.finding-group > h3 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: 4px; padding: .55rem .8rem; margin: .6rem 0; background: #fff; }
.finding.sev-high { border-left-color: var(--high-line); }
.finding.sev-medium { border-left-color: var(--medium-line); }
.finding.sev-low { border-left-color: var(--low-line); }
.finding.status-dismissed { opacity: .75; }
.finding.active, .finding:target { box-shadow: 0 0 0 3px var(--focus); }
.finding-head { display: flex; align-items: baseline; gap: .5rem; }
.finding-head h4 { margin: 0; font-size: .98rem; flex: 1; }
.finding p { margin: .3rem 0; }
.finding-path { font-size: .85rem; color: var(--muted); display: flex; gap: .8rem; align-items: baseline; }
.quote { margin: .3rem 0; padding: .2rem .6rem; border-left: 3px solid #c5ccd5; background: #f7f8fa; }
.basis { font-size: .88rem; margin: .3rem 0; }
.basis summary { cursor: pointer; font-weight: 600; }
.basis ul { margin: .2rem 0; padding-left: 1.1rem; }
.basis-text { color: #3b4249; margin: .1rem 0 .4rem !important; }
.dismiss-reason { background: #f3f4f6; padding: .2rem .5rem; border-radius: 3px; }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: flex-start; margin-top: .5rem; }
.inline-details > summary { list-style: none; }
.inline-details > summary::-webkit-details-marker { display: none; }
.inline-details[open] { flex-basis: 100%; }
.inline-details form { margin-top: .4rem; }
.inline-details form .btn { margin-top: .4rem; }
.hand-details summary { cursor: pointer; font-weight: 600; }
dialog { border: 1px solid var(--line); border-radius: 8px; padding: 1.2rem 1.4rem; width: min(32rem, 92vw); }
dialog::backdrop { background: rgba(15, 23, 42, .45); }
dialog h2 { margin-top: 0; }
.dialog-buttons { display: flex; justify-content: flex-end; gap: .5rem; margin-top: .8rem; }

/* ---- rules */
.rule-group h2 { margin-top: 1.6rem; }

/* ---- print view (also on screen, as a sheet) */
.print-body { background: #e9ebee; }
.print-sheet { background: #fff; max-width: 210mm; margin: 1rem auto; padding: 18mm 20mm; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; line-height: 1.7; }
.print-sheet h1 { text-align: center; font-size: 16pt; margin-bottom: 1rem; }
.print-sheet h2 { font-size: 13pt; }
.print-sheet h3 { font-size: 12pt; margin: .9rem 0 .3rem; }
.print-tools { display: flex; justify-content: space-between; align-items: center; }
.print-meta { border-collapse: collapse; width: 100%; margin-bottom: .8rem; }
.print-meta th, .print-meta td { border: 1px solid #999; padding: .2rem .5rem; text-align: left; }
.print-meta th { width: 7em; background: #f4f4f4; }
.print-finding { margin: 0 0 .7rem 1em; break-inside: avoid; }
.print-finding p, .print-finding blockquote { margin: .15rem 0; }
.print-finding blockquote { padding-left: .6rem; border-left: 2px solid #999; }
.print-basis { font-size: 10pt; color: #333; }
.signature-block { margin-top: 2rem; display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; break-inside: avoid; }
.sign-line { display: inline-block; min-width: 7em; border-bottom: 1px solid #000; }
.print-foot { margin-top: 1.5rem; font-size: 9pt; color: #666; }

@page { size: A4; margin: 20mm 18mm; }
@media print {
  :root { background: #fff; font-size: 11pt; }
  .no-print, .topbar, .skip-link, .actions, #add-finding-button, dialog, .hand-details { display: none !important; }
  .print-body { background: #fff; }
  .print-sheet { margin: 0; padding: 0; max-width: none; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
  .pane { max-height: none; overflow: visible; position: static; }
  .summary { font-size: 9pt; }
}

/* ---- 专项清理 */
.cleanup-summary { margin: .2rem 0 1rem; }
.cleanup-overdue { color: var(--danger); font-weight: 600; }
.cleanup-overdue-row { background: #fdecea; }
.row-errors { color: var(--danger); margin: .4rem 0; padding-left: 1.4rem; }
.decision-keep { background: #e7f5ee; color: var(--ok); }
.decision-amend { background: var(--medium); color: #7a5000; }
.decision-repeal, .decision-invalid { background: var(--high); color: var(--danger); }
.decision-none { background: #eef0f3; color: var(--muted); }
.job-failed { background: var(--high); color: var(--danger); }
.cleanup-findings { padding-left: 1.2rem; }
#cleanup-job progress, #campaign-table progress, #department-progress progress { width: 8rem; vertical-align: middle; }
#cleanup-progress { width: 100%; max-width: 32rem; }

/* ---- review desk (审查台, 集中会审, 工作报告) */
.desk-tabs { display: flex; gap: .3rem; border-bottom: 1px solid var(--line); margin-bottom: .8rem; flex-wrap: wrap; }
.desk-tabs a { padding: .3rem .8rem; text-decoration: none; border-radius: 4px 4px 0 0; }
.desk-tabs a[aria-current="page"] { background: var(--card); border: 1px solid var(--line); border-bottom-color: var(--card); margin-bottom: -1px; font-weight: 600; }
.desk-views { display: flex; gap: 1rem; flex-wrap: wrap; }
.desk-views a[aria-current="page"] { font-weight: 700; text-decoration: none; }
.deadline-badge { display: inline-block; font-size: .8rem; border-radius: 10px; padding: 0 .55rem; border: 1px solid; white-space: nowrap; }
.deadline-on-time { color: var(--ok); border-color: var(--ok); background: #e7f5ee; }
.deadline-due-soon { color: #8a5a00; border-color: var(--medium-line); background: var(--medium); }
.deadline-overdue { color: #fff; border-color: var(--danger); background: var(--danger); }
.deadline-paused { color: var(--muted); border-color: var(--line); background: #eef0f3; }
.deadline-done { color: var(--muted); border-color: var(--line); background: #fff; }
.deadline-done-late { color: var(--danger); border-color: var(--danger); background: #fff; }
.desk-table tr.deadline-row-overdue td:first-child { border-left: 4px solid var(--danger); }
.desk-table tr.deadline-row-due-soon td:first-child { border-left: 4px solid var(--medium-line); }
.desk-table tr.deadline-row-on-time td:first-child { border-left: 4px solid var(--ok); }
.tag-priority { border-color: var(--accent); color: var(--accent); }
.desk-facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .6rem 0; }
.desk-facts dt { color: var(--muted); }
.desk-facts dd { margin: 0; }
.desk-steps { padding-left: 1.4rem; }
.desk-steps li { margin-bottom: .3rem; }
.step-form { margin: .6rem 0; padding: .6rem .8rem; }
.meeting-pick { display: block; margin: .2rem 0; }
.pre-line { white-space: pre-line; }
.figures { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.figure { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; min-width: 9rem; }
.figure-value { font-size: 1.6rem; font-weight: 700; }
.figure-label { color: var(--muted); font-size: .85rem; }
.report-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem; }
.report-charts section { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; }
.chart-label, .chart-value { font-size: 12px; fill: var(--fg); }
.chart-bar { fill: var(--accent); }
.ring-back { fill: none; stroke: #e3e7ec; stroke-width: 12; }
.ring-front { fill: none; stroke: var(--accent); stroke-width: 12; }
.ring-text { font-size: 16px; font-weight: 700; fill: var(--fg); }
.fcr-table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.fcr-table th:nth-child(2) { width: 6rem; }
.fcr-table th:nth-child(3) { width: 32%; }
.fcr-table th, .fcr-table td { border: 1px solid #c8ccd2; padding: .35rem .5rem; vertical-align: top; text-align: left; }
.fcr-table textarea { width: 100%; min-height: 2.4rem; }
.fcr-choice { white-space: nowrap; }
.fcr-hint { font-size: .85rem; color: #7a4a00; margin: .2rem 0 0; }
`;
