import { markup, type SafeHtml } from './safe-html.js';

export interface PageOptions {
  title: string;
  deskName: string;
  body: SafeHtml;
  /** Script files under /assets; helmet's CSP allows only same-origin scripts, never inline ones. */
  scripts?: string[];
}

export function renderPage({ title, deskName, body, scripts = [] }: PageOptions): string {
  const tags = scripts.map((src) => markup`<script src="${src}" defer></script>\n`);
  return markup`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${deskName}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header class="top"><a href="/">${deskName}</a></header>
<main>
${body}
</main>
${tags}</body>
</html>
`.value;
}

/** Date and time as the desk reads them: `2026/11/23 14:05:09`. */
export function formatTime(at: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(at);
}
