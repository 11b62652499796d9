/**
 * The 审查报告 page's part of /assets/app.js (./app-js.ts): finding actions through the JSON API,
 * highlights, the hand-added finding form, back to the handled finding after an action. Runs
 * inside the workbench script's function scope (its helpers $, $all, api, showError) and ends it
 * early on pages that are not a report.
 */
export const REVIEW_REPORT_JS = String.raw`  // ------------------------------------------------------------------ 审查报告
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
`;
