/**
 * The browser script, served as /assets/app.js. Plain ES2017, no framework, no network but
 * this site. Every page works without it (plain forms); with it, uploads show progress and
 * report actions go to the JSON API with the session's CSRF token (X-CSRF-Token). The 专项清理
 * progress poller is its own script (./cleanup-progress-js.ts), appended here.
 */
import { CLEANUP_PROGRESS_JS } from './cleanup-progress-js.js';

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

  // ------------------------------------------------------------------ 预审 upload
  var form = $('#upload-form');
  if (form) {
    var fileInput = $('#file-input');
    var textInput = $('#text-input');
    var drop = $('#drop-zone');
    var fileName = $('#file-name');
    var errorBox = $('#upload-error-live');
    var block = $('#upload-progress-block');
    var bar = $('#upload-progress');
    var status = $('#upload-status');
    var submit = $('#submit-review');
    var showName = function () {
      var f = fileInput.files && fileInput.files[0];
      if (f) fileName.textContent = '已选择：' + f.name + '（' + Math.max(1, Math.round(f.size / 1024)) + ' KB）';
    };
    fileInput.addEventListener('change', showName);
    ['dragenter', 'dragover'].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('dragover'); });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove('dragover'); });
    });
    drop.addEventListener('drop', function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        fileInput.files = e.dataTransfer.files;
        showName();
      }
    });
    // the same original was reviewed before: links to the earlier records, and 仍要重新预审
    var offerEarlier = function (res) {
      errorBox.textContent = res.message + ' ';
      (res.earlier || []).forEach(function (r) {
        var a = document.createElement('a');
        a.href = '/reviews/' + encodeURIComponent(r.id);
        a.className = 'earlier-review';
        a.textContent = '打开《' + r.title + '》';
        errorBox.appendChild(a);
        errorBox.appendChild(document.createTextNode(' '));
      });
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'btn';
      btn.id = 'again-button';
      btn.textContent = '仍要重新预审';
      btn.addEventListener('click', function () {
        form.setAttribute('data-again', '1');
        if (form.requestSubmit) form.requestSubmit(); else submit.click();
      });
      errorBox.appendChild(btn);
      errorBox.hidden = false;
      if (errorBox.scrollIntoView) errorBox.scrollIntoView({ block: 'nearest' });
    };
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      errorBox.hidden = true;
      var old = $('#upload-error');
      if (old) old.hidden = true;
      var file = fileInput.files && fileInput.files[0];
      var text = textInput.value;
      var department = form.elements.department.value;
      var title = form.elements.title.value;
      if (!file && !text.trim()) { showError(errorBox, '请选择 .docx 文件，或粘贴送审稿正文'); return; }
      if (file && text.trim()) { showError(errorBox, '请只选择文件或只粘贴正文，不能同时提交：如要审查所选文件，请清空粘贴的正文；如要审查粘贴的正文，请移除所选文件'); return; }
      var tokenInput = $('#submit-token');
      var submitToken = tokenInput ? tokenInput.value : '';
      var again = form.getAttribute('data-again') === '1';
      // the packs ticked, when the form offers a choice (none ticked is a choice too)
      var packs = $('#pack-choice') ? $all('input[type=checkbox][name=packs]', form).filter(function (b) { return b.checked; }).map(function (b) { return b.value; }) : null;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('data-api') || '/api/reviews');
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      var body;
      if (file) {
        body = new FormData();
        body.append('file', file, file.name);
        body.append('department', department);
        if (title) body.append('title', title);
        if (packs) { body.append('packs', ''); packs.forEach(function (p) { body.append('packs', p); }); }
        if (submitToken) body.append('submitToken', submitToken);
        if (again) body.append('again', '1');
      } else {
        xhr.setRequestHeader('Content-Type', 'application/json');
        var payload = { text: text, department: department };
        if (title) payload.title = title;
        if (packs) payload.packs = packs;
        if (submitToken) payload.submitToken = submitToken;
        if (again) payload.again = true;
        body = JSON.stringify(payload);
      }
      block.hidden = false;
      bar.value = 0;
      status.textContent = '正在上传…';
      submit.disabled = true;
      var analysing = function () {
        bar.removeAttribute('value');
        status.textContent = '上传完成，正在分析文件，请稍候…';
      };
      xhr.upload.addEventListener('progress', function (ev) {
        if (!ev.lengthComputable) return;
        var pct = Math.round((ev.loaded / ev.total) * 100);
        bar.value = pct;
        status.textContent = '正在上传… ' + pct + '%';
      });
      xhr.upload.addEventListener('load', analysing);
      xhr.addEventListener('load', function () {
        var res = null;
        try { res = JSON.parse(xhr.responseText); } catch (err) { res = null; }
        if (xhr.status >= 200 && xhr.status < 300 && res && res.id) {
          status.textContent = '分析完成，正在打开审查报告…';
          window.location.href = '/reviews/' + encodeURIComponent(res.id);
          return;
        }
        block.hidden = true;
        submit.disabled = false;
        if (xhr.status === 409 && res && res.code === 'DUPLICATE') { offerEarlier(res); return; }
        showError(errorBox, messageOf(res, xhr.status));
      });
      xhr.addEventListener('error', function () {
        block.hidden = true;
        submit.disabled = false;
        showError(errorBox, '网络连接失败，请检查网络后重试');
      });
      if (!file) analysing();
      xhr.send(body);
    });
  }

  // ------------------------------------------------------------------ 审查报告
  var main = $('main[data-review-id]');
  if (!main) return;
  var editable = main.getAttribute('data-editable') === 'true';
  var actionError = $('#action-error');
  var FOCUS_KEY = 'fahu-focus';

  function cssId(id) { return window.CSS && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&'); }
  function spansOf(id) { return $all('.hl[data-finding-id="' + cssId(id) + '"]'); }
  function clearActive() { $all('.hl.active, .finding.active').forEach(function (el) { el.classList.remove('active'); }); }
  function goToSpan(id) {
    var anchor = document.getElementById('hl-' + id);
    if (!anchor) return false;
    clearActive();
    spansOf(id).forEach(function (el) { el.classList.add('active'); });
    anchor.scrollIntoView({ block: 'center', behavior: 'smooth' });
    var link = anchor.classList.contains('hl') ? anchor : spansOf(id)[0];
    if (link) link.focus({ preventScroll: true });
    return true;
  }
  function goToFinding(id) {
    var card = document.getElementById('f-' + id);
    if (!card) return false;
    clearActive();
    card.classList.add('active');
    spansOf(id).forEach(function (el) { el.classList.add('active'); });
    card.scrollIntoView({ block: 'center', behavior: 'smooth' });
    card.focus({ preventScroll: true });
    return true;
  }
  function reloadAt(id) {
    try { if (id) sessionStorage.setItem(FOCUS_KEY, id); } catch (e) { /* private mode */ }
    window.location.reload();
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    var hl = t.closest && t.closest('.hl');
    if (hl) { e.preventDefault(); goToFinding(hl.getAttribute('data-finding-id')); return; }
    var go = t.closest && t.closest('.goto-span');
    if (go) { e.preventDefault(); goToSpan(go.getAttribute('data-finding-id')); return; }
    var card = t.closest && t.closest('.finding');
    if (card && !t.closest('a, button, summary, form, details, input, textarea, select, label')) {
      if (!goToSpan(card.getAttribute('data-finding-id'))) { clearActive(); card.classList.add('active'); }
    }
  });

  // forms that have a JSON API twin
  $all('form[data-api-url]').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      var isHand = f.id === 'hand-form';
      if (isHand && !(f.elements.start.value && f.elements.end.value)) return; // typed words: the page finds them
      e.preventDefault();
      var question = f.getAttribute('data-confirm');
      if (question && !window.confirm(question)) return;
      var payload = {};
      new FormData(f).forEach(function (v, k) {
        if (k === 'basis') { (payload.basis = payload.basis || []).push(JSON.parse(v)); return; }
        if (k !== '_csrf' && k !== 'quote') payload[k] = v;
      });
      if (isHand) { payload.start = parseInt(payload.start, 10); payload.end = parseInt(payload.end, 10); }
      var method = f.getAttribute('data-api-method') || 'POST';
      var buttons = $all('button', f);
      buttons.forEach(function (b) { b.disabled = true; });
      api(method, f.getAttribute('data-api-url'), method === 'POST' && !isHand ? {} : payload).then(function (res) {
        reloadAt(isHand && res ? res.id : f.getAttribute('data-finding-id'));
      }, function (err) {
        buttons.forEach(function (b) { b.disabled = false; });
        showError(isHand ? $('#hand-error') : actionError, err.message);
      });
    });
  });

  // 依据 picker: the search goes to the JSON API and its hits become checkboxes in the hand form
  var basisForm = $('#basis-search-form');
  var basisBox = $('#basis-hits');
  if (basisForm && basisBox) {
    basisForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = $('#basis-query').value.trim();
      var basisError = $('#basis-error');
      basisError.hidden = true;
      if (!q) { showError(basisError, '请输入检索词（法规名称、条款或正文中的词）'); return; }
      fetch(basisForm.getAttribute('data-search-url') + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then(function (res) {
        return res.json().then(function (body) { if (!res.ok) throw new Error(messageOf(body, res.status)); return body; });
      }).then(function (body) {
        $all('#basis-list, #basis-none', basisBox).forEach(function (n) { n.parentNode.removeChild(n); });
        if (!body.items.length) {
          var none = document.createElement('p');
          none.className = 'muted small';
          none.id = 'basis-none';
          none.textContent = '没有找到含“' + q + '”的条款。';
          basisBox.appendChild(none);
          return;
        }
        var ul = document.createElement('ul');
        ul.className = 'plain';
        ul.id = 'basis-list';
        body.items.forEach(function (h, i) {
          var li = document.createElement('li');
          var box = document.createElement('input');
          box.type = 'checkbox';
          box.name = 'basis';
          box.id = 'basis-' + i;
          var ref = { law: h.law, article: h.article };
          if (h.item) ref.item = h.item;
          box.value = JSON.stringify(ref);
          var label = document.createElement('label');
          label.htmlFor = box.id;
          var strong = document.createElement('strong');
          strong.textContent = '《' + h.law + '》' + h.article + (h.item ? '第' + h.item + '项' : '');
          label.appendChild(strong);
          if (h.source === 'local') { var badge = document.createElement('span'); badge.className = 'badge'; badge.textContent = '本地导入'; label.appendChild(badge); }
          var small = document.createElement('span');
          small.className = 'small';
          small.textContent = ' ' + (h.text.length > 120 ? h.text.slice(0, 120) + '……' : h.text);
          label.appendChild(small);
          li.appendChild(box);
          li.appendChild(label);
          ul.appendChild(li);
        });
        basisBox.appendChild(ul);
      }, function (err) { showError(basisError, err.message); });
    });
  }

  // 排除: one dialog for all findings
  var dialog = $('#dismiss-dialog');
  if (dialog && typeof dialog.showModal === 'function') {
    var reason = $('#dismiss-reason');
    var dismissError = $('#dismiss-error');
    var current = null;
    $all('.btn-dismiss').forEach(function (b) {
      b.addEventListener('click', function (e) {
        e.preventDefault();
        current = b.getAttribute('data-finding-id');
        var card = document.getElementById('f-' + current);
        var h = card && card.querySelector('h4');
        $('#dismiss-finding-title').textContent = h ? h.textContent : '';
        reason.value = '';
        dismissError.hidden = true;
        dialog.showModal();
        reason.focus();
      });
    });
    $('#dismiss-cancel').addEventListener('click', function () { dialog.close(); });
    $('#dismiss-form').addEventListener('submit', function (e) {
      e.preventDefault();
      if (!current) return;
      if (!reason.value.trim()) { showError(dismissError, '排除问题必须填写理由'); reason.focus(); return; }
      var inline = $('.dismiss-details form[data-finding-id="' + cssId(current) + '"]');
      if (!inline) return;
      var submitBtn = $('#dismiss-submit');
      submitBtn.disabled = true;
      api('PATCH', inline.getAttribute('data-api-url'), { action: 'dismiss', reason: reason.value }).then(function () {
        reloadAt(current);
      }, function (err) {
        submitBtn.disabled = false;
        showError(dismissError, err.message);
      });
    });
  }

  // 手工添加: select words in the document → button → the form, with offsets from data-start
  var docText = $('#doc-text');
  var addButton = $('#add-finding-button');
  var handForm = $('#hand-form');
  function offsetOf(node, offset) {
    var el = node.nodeType === 1 ? node : node.parentNode;
    if (el === docText) {
      var lines = $all('.line', docText);
      var at = lines[offset];
      if (at) return +at.getAttribute('data-start');
      var last = lines[lines.length - 1];
      return last ? +last.getAttribute('data-end') : null;
    }
    var line = el && el.closest ? el.closest('.line') : null;
    if (!line || !docText.contains(line)) return null;
    var start = +line.getAttribute('data-start');
    var lineText = line.querySelector('.line-text');
    if (!lineText.contains(node) && node !== lineText) {
      if (node === line) return offset <= 1 ? start : +line.getAttribute('data-end');
      return start; // the clause path
    }
    var r = document.createRange();
    r.setStart(lineText, 0);
    r.setEnd(node, offset);
    return start + r.toString().length;
  }
  function selectedSpan() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    var range = sel.getRangeAt(0);
    if (!docText.contains(range.startContainer) || !docText.contains(range.endContainer)) return null;
    var a = offsetOf(range.startContainer, range.startOffset);
    var b = offsetOf(range.endContainer, range.endOffset);
    if (a === null || b === null || b <= a) return null;
    var text = sel.toString();
    if (!text.trim()) return null;
    return { start: a, end: b, text: text, rect: range.getBoundingClientRect() };
  }
  var pending = null;
  function updateButton() {
    pending = editable && docText && handForm ? selectedSpan() : null;
    if (!pending) { addButton.hidden = true; return; }
    var pane = $('#doc-pane');
    var box = pane.getBoundingClientRect();
    addButton.style.top = (pending.rect.bottom - box.top + pane.scrollTop + 6) + 'px';
    addButton.style.left = Math.max(8, Math.min(pending.rect.left - box.left, box.width - 120)) + 'px';
    addButton.hidden = false;
  }
  if (docText && addButton && handForm) {
    docText.addEventListener('mouseup', function () { setTimeout(updateButton, 0); });
    docText.addEventListener('keyup', function () { setTimeout(updateButton, 0); });
    document.addEventListener('selectionchange', function () {
      var sel = window.getSelection();
      if (sel && sel.isCollapsed && document.activeElement !== addButton) addButton.hidden = true;
    });
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape') addButton.hidden = true; });
    addButton.addEventListener('mousedown', function (e) { e.preventDefault(); }); // keep the selection
    addButton.addEventListener('click', function () {
      var span = pending || selectedSpan();
      if (!span) return;
      handForm.elements.start.value = String(span.start);
      handForm.elements.end.value = String(span.end);
      var quote = $('#hand-quote');
      quote.value = span.text;
      quote.readOnly = true;
      $('#hand-details').open = true;
      addButton.hidden = true;
      $('#hand-details').scrollIntoView({ block: 'start', behavior: 'smooth' });
      $('#hand-title').focus({ preventScroll: true });
    });
    $('#hand-quote').addEventListener('input', function () {
      handForm.elements.start.value = '';
      handForm.elements.end.value = '';
    });
    $('#hand-quote').addEventListener('dblclick', function () { this.readOnly = false; });
  }

  // after an action: back to the finding that was handled
  var focusId = null;
  try { focusId = sessionStorage.getItem(FOCUS_KEY); sessionStorage.removeItem(FOCUS_KEY); } catch (e) { focusId = null; }
  if (focusId) goToFinding(focusId);
  else if (location.hash.indexOf('#f-') === 0) goToFinding(decodeURIComponent(location.hash.slice(3)));
})();

`;

export const APP_JS = WORKBENCH_JS + CLEANUP_PROGRESS_JS;
