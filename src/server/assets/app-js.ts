/**
 * The browser script, served as /assets/app.js. Plain ES2017, no framework, no network but
 * this site. Every page works without it (plain forms); with it, uploads show progress and
 * report actions go to the JSON API with the session's CSRF token (X-CSRF-Token). The 专项清理
 * progress poller is its own script (./cleanup-progress-js.ts), appended here. One function scope
 * holds the shared helpers below ($, api, showError …) and the parts of each page: the 预审 upload
 * (./upload-js.ts) and the 审查报告 (./review-report-js.ts).
 */
import { CLEANUP_PROGRESS_JS } from './cleanup-progress-js.js';
import { REVIEW_REPORT_JS } from './review-report-js.js';
import { UPLOAD_JS } from './upload-js.js';

const WORKBENCH_JS = String.raw`(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') || '' : '';
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function messageOf(body, status) {
    if (body && body.message) return body.message + (body.hint ? '。' + body.hint : '');
    if (status === 413) return '文件太大，请拆分后重新提交';
    if (status === 401) return '登录已过期，请刷新页面后重新登录';
    if (status === 403) return '没有权限，或页面已过期，请刷新后重试';
    return '操作失败（' + status + '），请稍后重试';
  }
  function showError(el, text) {
    if (!el) { window.alert(text); return; }
    el.textContent = text;
    el.hidden = false;
    if (el.scrollIntoView) el.scrollIntoView({ block: 'nearest' });
  }
  function api(method, url, payload) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: payload === undefined ? undefined : JSON.stringify(payload)
    }).then(function (res) {
      return res.text().then(function (t) {
        var body = null;
        try { body = t ? JSON.parse(t) : null; } catch (e) { body = null; }
        if (!res.ok) throw new Error(messageOf(body, res.status));
        return body;
      });
    }, function () { throw new Error('网络连接失败，请检查网络后重试'); });
  }

  // ------------------------------------------------------------------ print view
  $all('[data-print]').forEach(function (b) { b.addEventListener('click', function () { window.print(); }); });
  // plain forms that ask first (作废令牌 …); forms with a JSON twin ask in their own handler
  $all('form[data-confirm]:not([data-api-url])').forEach(function (f) {
    f.addEventListener('submit', function (e) { if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault(); });
  });

` +
  UPLOAD_JS +
  REVIEW_REPORT_JS +
  String.raw`})();

`;

export const APP_JS = WORKBENCH_JS + CLEANUP_PROGRESS_JS;
