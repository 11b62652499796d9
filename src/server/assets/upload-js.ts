/**
 * The 预审 upload form's part of /assets/app.js (./app-js.ts): progress while a file is sent,
 * refusals shown in place, the file/text choice kept honest. Runs inside the workbench script's
 * function scope and uses its helpers ($, $all, messageOf, showError, csrf).
 */
export const UPLOAD_JS = String.raw`  // ------------------------------------------------------------------ 预审 upload
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

`;
