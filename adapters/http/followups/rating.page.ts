import { RATING_LABELS } from '../../../core/notify/followup-text.js';
import { markup, renderPage } from '../html/index.js';

export interface RatingPageView {
  deskName: string;
  ticketNumber: string;
  /** The score a mail link chose; the reporter still confirms it (mail scanners open links). */
  preselected: number | null;
  /** Null: the form is shown; otherwise why no rating can be given (or the one given). */
  state: { kind: 'open' } | { kind: 'rated'; rating: number } | { kind: 'closed'; why: string };
}

/** 您对本次服务的评价: five choices and a comment, posted back to the same address. */
export function renderRatingPage(v: RatingPageView): string {
  const title = `评价工单 ${v.ticketNumber}`;
  let body;
  if (v.state.kind === 'rated') {
    body = markup`<section class="card"><h1>谢谢您的评价</h1>
<p>工单 ${v.ticketNumber}：${v.state.rating} 分（${RATING_LABELS[v.state.rating] ?? ''}）。</p>
<p><a href="/t/${v.ticketNumber}">查看工单进度</a></p></section>`;
  } else if (v.state.kind === 'closed') {
    body = markup`<section class="card"><h1>${title}</h1><p>${v.state.why}</p>
<p><a href="/t/${v.ticketNumber}">查看工单进度</a></p></section>`;
  } else {
    const choices = [5, 4, 3, 2, 1].map(
      (score) =>
        markup`<label><input type="radio" name="rating" value="${score}" required${v.preselected === score ? markup` checked` : ''}> ${score} ${RATING_LABELS[score] ?? ''}</label><br>`,
    );
    body = markup`<section class="card"><h1>${title}</h1>
<p>请您对本次服务（速度、态度、结果）评价：</p>
<form method="post" action="/t/${v.ticketNumber}/rating">
${choices}
<label>意见和建议（可选）<br><textarea name="comment" maxlength="1000" rows="3"></textarea></label><br>
<button type="submit">提交评价</button>
</form></section>`;
  }
  return renderPage({ title, deskName: v.deskName, body });
}
