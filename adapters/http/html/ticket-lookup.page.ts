import type { PublicTicket } from '../ticket-presenter.js';
import { formatTime, renderPage } from './layout.js';
import { markup, type SafeHtml } from './safe-html.js';

export interface LookupPageView {
  deskName: string;
  ticket: PublicTicket;
  timeZone?: string;
}

const UNASSIGNED = '待分配';

const fact = (label: string, value: string, id: string): SafeHtml =>
  markup`<div class="row"><dt>${label}</dt><dd id="${id}">${value}</dd></div>\n`;

export function renderTicketLookup({ deskName, ticket, timeZone }: LookupPageView): string {
  const assignee = ticket.assignee?.name ?? (ticket.triage ? '服务台人工派单中' : UNASSIGNED);
  const timeline = ticket.timeline.map((e) => {
    const to = e.toStatusLabel ? markup` <span class="status">→ ${e.toStatusLabel}</span>` : '';
    return markup`<li><time datetime="${e.at.toISOString()}">${formatTime(e.at, timeZone)}</time> <span>${e.label}</span>${to}</li>\n`;
  });
  // The page script reads these data attributes to decide whether to keep polling.
  const body = markup`<section class="card ticket" id="ticket" data-number="${ticket.number}" data-status="${ticket.status}" data-triage="${String(ticket.triage)}">
<h1>工单 <span class="number">${ticket.number}</span></h1>
<dl class="facts">
${fact('状态', ticket.statusLabel, 't-status')}${fact('类别', ticket.category ?? '分类中', 't-category')}${fact('优先级', ticket.priority, 't-priority')}${fact('服务台负责人', ticket.owner?.name ?? UNASSIGNED, 't-owner')}${fact('派单工程师', assignee, 't-assignee')}${fact('报修时间', formatTime(ticket.reportedAt, timeZone), 't-reported')}</dl>
<h2>处理进度</h2>
<ol class="timeline">
${timeline}</ol>
</section>
<p><a href="/">再报一单</a> · <a href="/t">查询其他工单</a></p>`;
  return renderPage({
    title: `工单 ${ticket.number}`,
    deskName,
    body,
    scripts: ['/assets/ticket-lookup.js'],
  });
}

export function renderLookupSearch({ deskName, message }: { deskName: string; message?: string }): string {
  const problem = message ? markup`<p class="field-error" role="alert">${message}</p>\n` : '';
  const body = markup`<section class="card">
<h1>查询工单</h1>
${problem}<form method="get" action="/t">
<div class="field">
<label for="f-number">工单号</label>
<input id="f-number" name="number" required maxlength="40" placeholder="如：INC-20261123-0007" autocomplete="off">
</div>
<button type="submit">查询</button>
</form>
</section>
<p><a href="/">返回报修页面</a></p>`;
  return renderPage({ title: '查询工单', deskName, body });
}
