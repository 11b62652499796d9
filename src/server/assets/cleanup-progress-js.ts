/** Part of /assets/app.js (./app-js.ts): the 专项清理 page's pre-check progress, polling the job until it is finished. Plain ES2017. */
export const CLEANUP_PROGRESS_JS = String.raw`// ------------------------------------------------------------------ 专项清理: pre-check progress (polls the job)
(function () {
  'use strict';
  var box = document.getElementById('cleanup-job');
  if (!box) return;
  var jobId = box.getAttribute('data-job-id');
  if (!jobId || box.getAttribute('data-finished') === 'true') return;
  var bar = document.getElementById('cleanup-progress');
  var text = document.getElementById('cleanup-progress-text');
  var delay = 1000;
  function show(p) {
    var n = p.done + p.failed;
    if (bar) { bar.max = Math.max(1, p.total); bar.value = n; }
    if (text) text.textContent = (p.finished ? '预审完成' : '正在预审') + '：' + n + ' / ' + p.total + '（成功 ' + p.done + '，失败 ' + p.failed + (p.finished ? '' : '，排队 ' + (p.pending + p.running)) + '）';
  }
  function poll() {
    fetch('/api/cleanup/jobs/' + encodeURIComponent(jobId), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.json(); })
      .then(function (p) {
        show(p);
        if (!p.finished) { delay = Math.min(delay * 1.25, 4000); setTimeout(poll, delay); return; }
        // a page rendered by a form post must not be re-posted: link to the list instead of reloading
        if (document.getElementById('attach-result')) {
          var a = document.createElement('a');
          a.href = location.pathname.replace(/\/attach$/, '');
          a.textContent = ' 查看结果';
          if (text) text.appendChild(a);
        } else location.reload();
      }, function () {
        if (text) text.textContent = '暂时无法获取进度，稍后自动重试……';
        setTimeout(poll, 5000);
      });
  }
  setTimeout(poll, delay);
})();
`;
