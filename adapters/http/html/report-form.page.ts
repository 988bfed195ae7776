import { MODULE_TYPES } from '../../../core/desk/index.js';
import type { ErrorDetail } from '../http-errors.js';
import { FIELD_LABELS } from './labels.js';
import { renderPage } from './layout.js';
import { markup, type SafeHtml } from './safe-html.js';

export interface ReportFormView {
  deskName: string;
  /** Fresh per page load, so a double-click or a resubmitted page is still one ticket. */
  idempotencyKey: string;
  /** What the reporter typed, by field name, when the page is shown again after an error. */
  values?: Record<string, string>;
  errors?: ErrorDetail[];
}

interface FieldSpec {
  /** The same dotted path the JSON API uses, so server errors land on the right input. */
  name: string;
  type?: 'text' | 'tel' | 'email' | 'textarea';
  required?: boolean;
  maxLength: number;
  placeholder?: string;
  autocomplete?: string;
}

const REPORTER_FIELDS: FieldSpec[] = [
  { name: 'contact.department', maxLength: 100, autocomplete: 'organization' },
  { name: 'contact.name', required: true, maxLength: 100, autocomplete: 'name' },
  { name: 'contact.phone', type: 'tel', maxLength: 40, autocomplete: 'tel' },
  { name: 'contact.email', type: 'email', maxLength: 200, autocomplete: 'email' },
  { name: 'contact.wechatId', maxLength: 100 },
  { name: 'contact.officeLocation', maxLength: 200, placeholder: '如：行政楼 3 楼 302' },
];

const DEVICE_FIELDS: FieldSpec[] = [
  { name: 'location', maxLength: 200, placeholder: '如：图书馆 2 楼服务台' },
  { name: 'device', maxLength: 200, placeholder: '如：HP LaserJet 打印机' },
  { name: 'deviceDescription', maxLength: 500, placeholder: '型号、资产编号等' },
];

const DESCRIPTION: FieldSpec = {
  name: 'description',
  type: 'textarea',
  required: true,
  maxLength: 20_000,
  placeholder: '请描述故障现象，如：打印机卡纸，无法打印',
};

const label = (name: string): string => FIELD_LABELS[name] ?? name;

function errorFor(name: string, errors: ErrorDetail[]): SafeHtml {
  const messages = errors.filter((e) => e.path === name).map((e) => e.message);
  const hidden = messages.length === 0 ? markup` hidden` : '';
  return markup`<p class="field-error" id="err-${name}"${hidden}>${messages.join('；')}</p>`;
}

function field(spec: FieldSpec, values: Record<string, string>, errors: ErrorDetail[]): SafeHtml {
  const value = values[spec.name] ?? '';
  const invalid = errors.some((e) => e.path === spec.name)
    ? markup` class="invalid" aria-invalid="true"`
    : '';
  const attrs = markup`id="f-${spec.name}" name="${spec.name}" maxlength="${spec.maxLength}"${
    spec.required ? markup` required` : ''
  }${spec.placeholder ? markup` placeholder="${spec.placeholder}"` : ''}${
    spec.autocomplete ? markup` autocomplete="${spec.autocomplete}"` : ''
  } aria-describedby="err-${spec.name}"${invalid}`;
  const control =
    spec.type === 'textarea'
      ? markup`<textarea ${attrs} rows="5">${value}</textarea>`
      : markup`<input type="${spec.type ?? 'text'}" ${attrs} value="${value}">`;
  const star = spec.required ? markup`<span class="req">*</span>` : '';
  return markup`<div class="field">
<label for="f-${spec.name}">${label(spec.name)}${star}</label>
${control}
${errorFor(spec.name, errors)}
</div>
`;
}

function moduleSelect(values: Record<string, string>, errors: ErrorDetail[]): SafeHtml {
  const current = values.moduleType ?? '';
  const option = (value: string, text: string) =>
    markup`<option value="${value}"${value === current ? markup` selected` : ''}>${text}</option>\n`;
  return markup`<div class="field">
<label for="f-moduleType">${label('moduleType')}</label>
<select id="f-moduleType" name="moduleType" aria-describedby="err-moduleType">
${option('', '不确定，由服务台判断')}${MODULE_TYPES.map((m) => option(m, m))}</select>
${errorFor('moduleType', errors)}
</div>
`;
}

function errorSummary(errors: ErrorDetail[]): SafeHtml {
  if (errors.length === 0) return markup`<div class="error-summary" role="alert" hidden></div>`;
  const items = errors.map((e) => markup`<li>${label(e.path)}：${e.message}</li>`);
  return markup`<div class="error-summary" role="alert"><p>提交未成功，请修改以下内容：</p><ul>${items}</ul></div>`;
}

export function renderReportForm({
  deskName,
  idempotencyKey,
  values = {},
  errors = [],
}: ReportFormView): string {
  const body = markup`<h1>故障报修</h1>
<p class="hint">带 <span class="req">*</span> 的为必填项。提交后立即生成工单号，可凭工单号查询进度。</p>
${errorSummary(errors)}
<form id="report-form" class="card" method="post" action="/api/v1/reports" accept-charset="utf-8">
<input type="hidden" name="idempotencyKey" value="${idempotencyKey}">
<fieldset>
<legend>报修人信息</legend>
${REPORTER_FIELDS.map((f) => field(f, values, errors))}</fieldset>
<fieldset>
<legend>报修内容</legend>
${DEVICE_FIELDS.map((f) => field(f, values, errors))}${moduleSelect(values, errors)}${field(DESCRIPTION, values, errors)}</fieldset>
<button type="submit" id="submit">提交报修</button>
</form>
<section id="result" class="card result" hidden aria-live="polite"></section>
<p class="lookup-link"><a href="/t">已有工单？按工单号查询</a></p>`;
  return renderPage({ title: '故障报修', deskName, body, scripts: ['/assets/report-form.js'] });
}
