import { markup } from './safe-html.js';
import { renderPage } from './layout.js';

export interface ErrorPageView {
  deskName: string;
  title: string;
  problems: string[];
}

export function renderErrorPage({ deskName, title, problems }: ErrorPageView): string {
  const list =
    problems.length > 0
      ? markup`<ul class="problems">${problems.map((p) => markup`<li>${p}</li>`)}</ul>`
      : '';
  const body = markup`<section class="card">
<h1>${title}</h1>
${list}
<p><a href="/">返回报修页面</a></p>
</section>`;
  return renderPage({ title, deskName, body });
}
