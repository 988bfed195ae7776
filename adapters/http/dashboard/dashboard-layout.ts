import { markup, type SafeHtml } from '../html/safe-html.js';

export const DASHBOARD_PATH = '/dashboard';
export const DASHBOARD_ASSETS = `${DASHBOARD_PATH}/assets`;

/** The staff pages' frame: navigation, the dashboard style sheet and same-origin scripts only (CSP). */
export function dashboardPage(opts: {
  title: string;
  deskName: string;
  body: SafeHtml;
  scripts?: string[];
  user?: string | null;
}): string {
  const nav = opts.user
    ? markup`<nav class="dash-nav">
  <a href="${DASHBOARD_PATH}">工单 Tickets</a>
  <a href="${DASHBOARD_PATH}/kpis">指标 KPIs</a>
  <a href="/admin/queues">队列 Queues</a>
  <form method="post" action="${DASHBOARD_PATH}/logout"><button type="submit">退出 Log out (${opts.user})</button></form>
</nav>`
    : '';
  return markup`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · ${opts.deskName}</title>
<link rel="stylesheet" href="${DASHBOARD_ASSETS}/dashboard.css">
</head>
<body class="dash">
<header class="dash-top"><strong>${opts.deskName}</strong> · ${opts.title}</header>
${nav}
<main class="dash-main">
${opts.body}
</main>
${(opts.scripts ?? []).map((src) => markup`<script src="${src}" defer></script>\n`)}</body>
</html>
`.value;
}
