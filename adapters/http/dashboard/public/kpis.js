/* global document, window, fetch, FormData, URLSearchParams, echarts */
// KPI charts with ECharts: rates against the rule book's targets (80% calls answered, 70% solved remotely).
(() => {
  const form = document.getElementById('period');
  const status = document.getElementById('kpi-status');
  const workload = document.querySelector('#workload tbody');
  const targets = echarts.init(document.getElementById('chart-targets'));
  const groups = echarts.init(document.getElementById('chart-groups'));
  const pct = (r) => (r && r.rate !== null ? Math.round(r.rate * 1000) / 10 : null);
  const line = (name, value) => ({ name, yAxis: value, label: { formatter: `${name} ${value}%` } });

  function drawTotals(row) {
    const names = [
      '电话接通率 Calls answered',
      '远程解决率 Remote',
      '满意率 Satisfied',
      '首次正确派单 First-time',
      '10分钟响应 Response',
    ];
    const values = [
      row.callAnswerRate,
      row.remoteResolutionRate,
      row.satisfaction.satisfied,
      row.firstTimeCorrectDispatch,
      row.responseCompliance,
    ].map(pct);
    targets.setOption(
      {
        animation: false,
        title: { text: 'KPI vs 目标 targets' },
        tooltip: {},
        grid: { bottom: 80 },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            type: 'bar',
            name: 'rate',
            data: values,
            markLine: { symbol: 'none', data: [line('目标 80%', 80), line('目标 70%', 70)] },
          },
        ],
      },
      true,
    );
  }

  function drawGroups(report) {
    const labels = report.groups.map((g) => g.label);
    groups.setOption(
      {
        animation: false,
        title: { text: `按 by ${report.by}` },
        tooltip: { trigger: 'axis' },
        legend: { top: 24 },
        grid: { top: 60, bottom: 80 },
        xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            type: 'bar',
            name: '远程解决率 Remote',
            data: report.groups.map((g) => pct(g.remoteResolutionRate)),
            markLine: { symbol: 'none', data: [line('目标 70%', 70)] },
          },
          {
            type: 'bar',
            name: '电话接通率 Calls',
            data: report.groups.map((g) => pct(g.callAnswerRate)),
            markLine: { symbol: 'none', data: [line('目标 80%', 80)] },
          },
          {
            type: 'bar',
            name: '满意率 Satisfied',
            data: report.groups.map((g) => pct(g.satisfaction.satisfied)),
          },
        ],
      },
      true,
    );
  }

  function drawWorkload(engineers) {
    const cell = (v) => {
      const td = document.createElement('td');
      td.textContent = v === null || v === undefined ? '—' : String(v);
      return td;
    };
    workload.replaceChildren(
      ...engineers.map((e) => {
        const tr = document.createElement('tr');
        tr.append(
          ...[
            e.name,
            e.tickets,
            e.resolved,
            e.onSiteVisits,
            e.onSiteHours,
            e.meanResponseMinutes,
            e.respondedInTime,
            e.rated,
            e.meanRating,
            e.complaints,
          ].map(cell),
        );
        return tr;
      }),
    );
  }

  async function load() {
    const params = new URLSearchParams(new FormData(form));
    status.textContent = '…';
    const res = await fetch(`/dashboard/api/kpis?${params}`, { headers: { Accept: 'application/json' } });
    const body = await res.json();
    if (!res.ok) {
      status.textContent = body.error ? body.error.message : `HTTP ${res.status}`;
      return;
    }
    const report = body.kpis;
    drawTotals(report.total);
    drawGroups(report);
    drawWorkload(report.engineers);
    status.textContent = `${report.total.tickets} 张工单 tickets · ${report.period.from} – ${report.period.to}`;
    document.body.dataset.kpisLoaded = 'true';
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  window.addEventListener('resize', () => {
    targets.resize();
    groups.resize();
  });
  load();
})();
