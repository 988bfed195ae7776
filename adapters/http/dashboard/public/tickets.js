/* global document, location, fetch, FormData, URLSearchParams, setTimeout, clearTimeout */
// The live ticket list: reads the filters, asks /dashboard/api/tickets, redraws, and repeats every 5 s.
(() => {
  const form = document.getElementById('filters');
  const rows = document.getElementById('rows');
  const total = document.getElementById('total');
  const updated = document.getElementById('updated');
  const OPEN = 'new,accepted,dispatched,acknowledged,in_progress,pending';
  let timer = null;

  const cell = (text) => {
    const td = document.createElement('td');
    td.textContent = text ?? '—';
    return td;
  };

  function query() {
    const data = new FormData(form);
    const params = new URLSearchParams();
    const q = String(data.get('q') ?? '').trim();
    if (q) params.set('q', q);
    const status = String(data.get('status') ?? '');
    if (status) params.set('status', status === 'open' ? OPEN : status);
    for (const name of ['category', 'assignee']) {
      const v = String(data.get(name) ?? '');
      if (v) params.set(name, v);
    }
    return params;
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const res = await fetch(`/dashboard/api/tickets?${query()}`, {
        headers: { Accept: 'application/json' },
      });
      if (res.status === 401) return void (location.href = '/dashboard/login');
      const body = await res.json();
      rows.replaceChildren(
        ...body.tickets.map((t) => {
          const tr = document.createElement('tr');
          tr.dataset.number = t.number;
          const link = document.createElement('a');
          link.href = `/dashboard/tickets/${encodeURIComponent(t.number)}`;
          link.textContent = t.number;
          const first = document.createElement('td');
          first.append(link);
          tr.append(
            first,
            cell(t.statusLabel),
            cell(t.category),
            cell(t.title),
            cell(t.reporter),
            cell(t.assignee),
            cell(t.reportedAt),
          );
          return tr;
        }),
      );
      total.textContent = `${body.total} 张工单 tickets`;
      updated.textContent = `更新于 updated ${new Date().toLocaleTimeString()}`;
    } finally {
      timer = setTimeout(refresh, 5000);
    }
  }

  let typing = null;
  form.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(refresh, 250);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    refresh();
  });
  refresh();
})();
