import { renderPage } from './layout.js';
import { markup } from './safe-html.js';

export interface ReportQueuedView {
  deskName: string;
  /** The submitted fields, to post again under the same idempotency key: that finds the ticket. */
  values: Record<string, string>;
}

/** Shown to browsers without JavaScript when intake has not finished within the wait. */
export function renderReportQueued({ deskName, values }: ReportQueuedView): string {
  const hidden = Object.entries(values).map(
    ([name, value]) => markup`<input type="hidden" name="${name}" value="${value}">\n`,
  );
  const body = markup`<section class="card">
<h1>已收到，正在登记</h1>
<p>您的报修已收到，系统正在生成工单。请稍候几秒后点击下方按钮查看工单号（不会重复登记）。</p>
<form method="post" action="/api/v1/reports" accept-charset="utf-8">
${hidden}<button type="submit">查看工单号</button>
</form>
</section>`;
  return renderPage({ title: '已收到，正在登记', deskName, body });
}
