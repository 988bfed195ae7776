/* global document, window, fetch, FormData, setTimeout */
// The 报修 form, enhanced: submit with fetch, show the ticket number at once, then poll the
// public lookup until the ticket is dispatched (or sent to triage). Without JavaScript the
// same form posts normally and the server redirects to the ticket page.
(function () {
  'use strict';

  var form = document.getElementById('report-form');
  if (!form) return;
  form.noValidate = true;

  var result = document.getElementById('result');
  var summary = document.querySelector('.error-summary');
  var button = document.getElementById('submit');
  var keyInput = form.querySelector('input[name="idempotencyKey"]');
  var SETTLED = ['dispatched', 'acknowledged', 'in_progress', 'pending', 'resolved', 'closed', 'cancelled'];
  var POLL_FOR_MS = 15000;
  var QUEUED_RETRIES = 10;

  var sleep = function (ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  };

  function labelOf(name) {
    var label = document.querySelector('label[for="f-' + name + '"]');
    return label ? label.firstChild.textContent : name;
  }

  function clearErrors() {
    summary.hidden = true;
    summary.textContent = '';
    form.querySelectorAll('.field-error').forEach(function (el) {
      el.hidden = true;
      el.textContent = '';
    });
    form.querySelectorAll('.invalid').forEach(function (el) {
      el.classList.remove('invalid');
      el.removeAttribute('aria-invalid');
    });
  }

  /** problems: [{ path, message }] as the server's VALIDATION_FAILED details. */
  function showErrors(problems, heading) {
    summary.textContent = '';
    var p = document.createElement('p');
    p.textContent = heading || '提交未成功，请修改以下内容：';
    summary.appendChild(p);
    var list = document.createElement('ul');
    problems.forEach(function (problem) {
      var li = document.createElement('li');
      var input = form.elements.namedItem(problem.path);
      li.textContent = input ? labelOf(problem.path) + '：' + problem.message : problem.message;
      list.appendChild(li);
      var inline = document.getElementById('err-' + problem.path);
      if (inline) {
        inline.textContent = problem.message;
        inline.hidden = false;
      }
      if (input && input.classList) {
        input.classList.add('invalid');
        input.setAttribute('aria-invalid', 'true');
      }
    });
    if (problems.length > 0) summary.appendChild(list);
    summary.hidden = false;
    var first = problems.length > 0 && form.elements.namedItem(problems[0].path);
    if (first && first.focus) first.focus();
    else summary.scrollIntoView();
  }

  function checkLocally() {
    var problems = [];
    ['contact.name', 'description'].forEach(function (name) {
      if (form.elements.namedItem(name).value.trim() === '') problems.push({ path: name, message: '必填' });
    });
    var email = form.elements.namedItem('contact.email');
    if (email.value.trim() !== '' && email.validity && email.validity.typeMismatch) {
      problems.push({ path: 'contact.email', message: '邮箱格式不正确' });
    }
    return problems;
  }

  /** Field names with dots become nested objects, as the API expects; blank fields are left out. */
  function collect() {
    var body = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== 'string' || value.trim() === '' || name === 'idempotencyKey') return;
      var parts = name.split('.');
      var node = body;
      for (var i = 0; i < parts.length - 1; i++) node = node[parts[i]] = node[parts[i]] || {};
      node[parts[parts.length - 1]] = value;
    });
    return body;
  }

  function row(list, label, id) {
    var wrap = document.createElement('div');
    wrap.className = 'row';
    var dt = document.createElement('dt');
    dt.textContent = label;
    var dd = document.createElement('dd');
    dd.id = id;
    dd.textContent = '…';
    wrap.appendChild(dt);
    wrap.appendChild(dd);
    list.appendChild(wrap);
  }

  function set(id, text) {
    var el = document.getElementById(id);
    if (el) el.textContent = text;
  }

  function showResult(number) {
    form.hidden = true;
    result.textContent = '';
    var h = document.createElement('h2');
    h.textContent = '报修已提交，工单号：';
    var n = document.createElement('div');
    n.className = 'number';
    n.id = 'r-number';
    n.textContent = number;
    var facts = document.createElement('dl');
    facts.className = 'facts';
    row(facts, '状态', 'r-status');
    row(facts, '类别', 'r-category');
    row(facts, '服务台负责人', 'r-owner');
    row(facts, '派单工程师', 'r-assignee');
    var note = document.createElement('p');
    note.className = 'note';
    note.id = 'r-note';
    note.textContent = '正在分类和派单…';
    var links = document.createElement('p');
    var link = document.createElement('a');
    link.href = '/t/' + encodeURIComponent(number);
    link.textContent = '查看工单进度';
    var again = document.createElement('a');
    again.href = '/';
    again.textContent = '再报一单';
    links.appendChild(link);
    links.appendChild(document.createTextNode(' · '));
    links.appendChild(again);
    [h, n, facts, note, links].forEach(function (el) {
      result.appendChild(el);
    });
    result.hidden = false;
    result.scrollIntoView();
  }

  function render(ticket) {
    set('r-status', ticket.statusLabel);
    set('r-category', ticket.category || '分类中');
    set('r-owner', ticket.owner ? ticket.owner.name : '待分配');
    set('r-assignee', ticket.assignee ? ticket.assignee.name : ticket.triage ? '服务台人工派单中' : '待分配');
  }

  async function poll(number) {
    var started = Date.now();
    var delay = 300;
    while (Date.now() - started < POLL_FOR_MS) {
      try {
        var res = await fetch('/t/' + encodeURIComponent(number) + '.json', {
          headers: { Accept: 'application/json' },
        });
        if (res.status === 429) break;
        if (res.ok) {
          var ticket = (await res.json()).ticket;
          render(ticket);
          if (SETTLED.indexOf(ticket.status) >= 0 || ticket.triage) {
            set(
              'r-note',
              ticket.triage ? '暂无合适工程师，服务台将人工派单。' : '已派单，工程师将尽快与您联系。',
            );
            return;
          }
        }
      } catch {
        // A dropped poll is retried on the next round.
      }
      await sleep(delay);
      delay = Math.min(delay * 1.3, 2000);
    }
    set('r-note', '仍在处理中，可打开工单页面查看最新进度。');
  }

  async function submit(body) {
    return fetch('/api/v1/reports', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Idempotency-Key': keyInput.value,
      },
      body: JSON.stringify(body),
    });
  }

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    clearErrors();
    var local = checkLocally();
    if (local.length > 0) return showErrors(local);
    button.disabled = true;
    button.textContent = '提交中…';
    var body = collect();
    try {
      var res = await submit(body);
      for (var attempt = 0; res.status === 202 && attempt < QUEUED_RETRIES; attempt++) {
        button.textContent = '已收到，正在登记…';
        await sleep(1000);
        // The same idempotency key: asking again finds the ticket instead of creating another.
        res = await submit(body);
      }
      var payload = await res.json().catch(function () {
        return {};
      });
      if (res.status === 201 || res.status === 200) {
        showResult(payload.ticket.number);
        return poll(payload.ticket.number);
      }
      if (res.status === 202) {
        showErrors([], '已收到，正在登记。请稍后再次点击提交（不会重复登记）。');
      } else if (res.status === 400 && payload.error && payload.error.details) {
        showErrors(payload.error.details);
      } else if (res.status === 429) {
        showErrors([], '提交过于频繁，请稍后再试。');
      } else if (res.status === 413) {
        showErrors([], '内容过长，请精简后再提交。');
      } else {
        showErrors([], '提交失败，请稍后重试。');
      }
    } catch {
      showErrors([], '网络异常，请检查网络后重试（不会重复登记）。');
    }
    button.disabled = false;
    button.textContent = '提交报修';
  });

  window.addEventListener('pageshow', function () {
    button.disabled = false;
  });
})();
