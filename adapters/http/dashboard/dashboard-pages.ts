import { MODULE_TYPES } from '../../../core/desk/index.js';
import type { Person } from '../../../core/desk/index.js';
import type { StoredTicketEvent, Ticket } from '../../../core/tickets/index.js';
import { TICKET_STATUSES } from '../../../core/tickets/index.js';
import { EVENT_LABELS, STATUS_LABELS } from '../html/labels.js';
import { formatTime } from '../html/layout.js';
import { markup } from '../html/safe-html.js';
import { DASHBOARD_ASSETS, DASHBOARD_PATH, dashboardPage } from './dashboard-layout.js';

interface PageContext {
  deskName: string;
  user: string | null;
  timeZone?: string;
}

export function loginPage(ctx: PageContext, next: string, failed: boolean): string {
  return dashboardPage({
    ...ctx,
    title: '登录 Log in',
    body: markup`<form class="login" method="post" action="${DASHBOARD_PATH}/login">
  ${failed ? markup`<p class="error" role="alert">密码不正确 Wrong password.</p>` : ''}
  <label>用户 User <input name="user" autocomplete="username" value="desk"></label>
  <label>密码 Password <input name="password" type="password" autocomplete="current-password" required autofocus></label>
  <input type="hidden" name="next" value="${next}">
  <button type="submit">登录 Log in</button>
</form>`,
  });
}

export function ticketListPage(ctx: PageContext, engineers: Person[]): string {
  return dashboardPage({
    ...ctx,
    title: '工单 Tickets',
    scripts: [`${DASHBOARD_ASSETS}/tickets.js`],
    body: markup`<form id="filters" class="filters">
  <input type="search" name="q" placeholder="搜索 Search: number, text, reporter, place">
  <select name="status"><option value="">全部状态 All statuses</option>
    <option value="open">未完成 Open</option>
    ${TICKET_STATUSES.map((s) => markup`<option value="${s}">${STATUS_LABELS[s]} ${s}</option>`)}
  </select>
  <select name="category"><option value="">全部类型 All categories</option>
    ${MODULE_TYPES.map((c) => markup`<option value="${c}">${c}</option>`)}
  </select>
  <select name="assignee"><option value="">全部工程师 All engineers</option>
    ${engineers.map((p) => markup`<option value="${p.id}">${p.name}</option>`)}
  </select>
</form>
<p class="meta"><span id="total">…</span> · 每 5 秒刷新 refreshes every 5 s · <span id="updated"></span></p>
<table class="tickets">
  <thead><tr><th>编号 Number</th><th>状态 Status</th><th>类型</th><th>标题 Title</th><th>报修人 Reporter</th><th>工程师</th><th>报修时间 Reported</th></tr></thead>
  <tbody id="rows"></tbody>
</table>`,
  });
}

export function ticketDetailPage(
  ctx: PageContext,
  ticket: Ticket,
  events: StoredTicketEvent[],
  names: ReadonlyMap<string, string>,
): string {
  const t = (d: Date | null) => (d ? formatTime(d, ctx.timeZone) : '—');
  const who = (id: string | null) => (id ? (names.get(id) ?? id) : '—');
  const fields: Array<[string, string]> = [
    ['状态 Status', `${STATUS_LABELS[ticket.status]} (${ticket.status})`],
    ['类型 Category', ticket.category ?? '—'],
    ['优先级 Priority', ticket.priority],
    ['渠道 Channel', ticket.channel],
    [
      '报修人 Reporter',
      `${ticket.reporter.name}${ticket.reporter.department ? ` · ${ticket.reporter.department}` : ''}`,
    ],
    ['电话 Phone', ticket.reporter.phone ?? '—'],
    ['地点 Location', ticket.location ?? '—'],
    ['设备 Device', ticket.deviceName ?? '—'],
    ['整体负责人 Owner', who(ticket.ownerId)],
    ['当前责任人 Assignee', who(ticket.assigneeId)],
    ['报修时间 Reported', t(ticket.reportedAt)],
    ['派单 Dispatched', t(ticket.dispatchedAt)],
    ['响应 Acknowledged', t(ticket.acknowledgedAt)],
    ['到达 Arrived', t(ticket.arrivedAt)],
    ['离开 Departed', t(ticket.departedAt)],
    ['解决 Resolved', t(ticket.resolvedAt)],
    [
      '远程解决 Remote',
      ticket.resolution.remote === null ? '—' : ticket.resolution.remote ? '是 yes' : '否 no',
    ],
    ['评价 Rating', ticket.rating === null ? '—' : String(ticket.rating)],
  ];
  return dashboardPage({
    ...ctx,
    title: ticket.number,
    body: markup`<p><a href="${DASHBOARD_PATH}">← 工单 Tickets</a></p>
<h1 id="ticket-number">${ticket.number} · ${ticket.title}</h1>
<p class="description">${ticket.description}</p>
<dl class="fields">${fields.map(([k, v]) => markup`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<h2>处理记录 History</h2>
<table class="events" id="events">
  <thead><tr><th>时间 At</th><th>事件 Event</th><th>操作人 Actor</th><th>渠道</th><th>状态</th></tr></thead>
  <tbody>${events.map(
    (e) =>
      markup`<tr data-type="${e.type}"><td>${t(e.at)}</td><td>${EVENT_LABELS[e.type] ?? e.type} <code>${e.type}</code></td><td>${e.actor.name}</td><td>${e.channel}</td><td>${e.fromStatus ?? ''}${e.toStatus ? ` → ${e.toStatus}` : ''}</td></tr>`,
  )}</tbody>
</table>`,
  });
}

export function kpiPage(ctx: PageContext, defaults: { from: string; to: string }): string {
  return dashboardPage({
    ...ctx,
    title: '指标 KPIs',
    scripts: [`${DASHBOARD_ASSETS}/vendor/echarts.min.js`, `${DASHBOARD_ASSETS}/kpis.js`],
    body: markup`<form id="period" class="filters">
  <label>从 From <input type="date" name="from" value="${defaults.from}"></label>
  <label>到 To <input type="date" name="to" value="${defaults.to}"></label>
  <select name="by">
    <option value="department">按部门 by department</option>
    <option value="category">按类型 by category</option>
    <option value="engineer">按工程师 by engineer</option>
  </select>
  <button type="submit">查看 Show</button>
</form>
<p class="meta" id="kpi-status">…</p>
<div class="charts">
  <div id="chart-targets" class="chart" role="img" aria-label="KPIs against targets"></div>
  <div id="chart-groups" class="chart" role="img" aria-label="KPIs by group"></div>
</div>
<h2>工程师工作量 Engineer workload</h2>
<table class="workload" id="workload">
  <thead><tr><th>工程师 Engineer</th><th>工单 Tickets</th><th>已解决 Resolved</th><th>现场次数 Visits</th><th>现场时长(h) On-site h</th><th>平均响应(分) Mean response min</th><th>按时响应 In time</th><th>评价数 Rated</th><th>平均评分 Mean rating</th><th>投诉 Complaints</th></tr></thead>
  <tbody></tbody>
</table>`,
  });
}
