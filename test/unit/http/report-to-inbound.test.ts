import { describe, expect, it } from 'vitest';
import { inboundMessageSchema } from '../../../core/inbound/index.js';
import { normalizeReportInput, parseReportBody } from '../../../adapters/http/schemas/report-body.schema.js';
import { reportToInboundMessage } from '../../../adapters/http/report-to-inbound.js';

const receivedAt = new Date('2026-11-23T02:00:00Z');

/** What express.urlencoded({ extended: false }) produces for the 报修 form. */
const formBody = {
  idempotencyKey: 'form-key-1',
  'contact.department': '财务处',
  'contact.name': ' 张老师 ',
  'contact.phone': '13800138000',
  'contact.email': 'Zhang@Example.edu.cn',
  'contact.wechatId': '',
  'contact.officeLocation': '行政楼305',
  location: '行政楼3楼',
  device: 'HP 打印机',
  deviceDescription: '',
  moduleType: '打印机',
  description: '打印机卡纸，打印不出来',
};

function parse(raw: unknown) {
  const body = parseReportBody(raw, 'en');
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return body.value;
}

describe('form body → InboundMessage', () => {
  it('maps the reporter block to the sender and the repair block to fields and text', () => {
    const report = parse(formBody);
    const message = reportToInboundMessage(report, { externalId: 'form-key-1', receivedAt });
    expect(message.ok).toBe(true);
    if (!message.ok) return;
    expect(message.value).toMatchObject({
      channel: 'web',
      externalId: 'form-key-1',
      receivedAt,
      sender: {
        name: '张老师',
        department: '财务处',
        phone: '13800138000',
        email: 'zhang@example.edu.cn',
        officeLocation: '行政楼305',
      },
      text: '打印机卡纸，打印不出来',
      fields: { location: '行政楼3楼', device: 'HP 打印机', moduleType: '打印机' },
      attachments: [],
    });
    // Blank inputs are absent, not empty strings (core rejects empty optional text).
    expect(message.value.sender.wechatId).toBeUndefined();
    expect(message.value.fields.deviceDescription).toBeUndefined();
    expect(inboundMessageSchema.safeParse(message.value).success).toBe(true);
  });

  it('reads the JSON shape the same way as the dotted form names', () => {
    const fromJson = parse({
      contact: { name: '张老师', email: 'zhang@example.edu.cn' },
      description: '打印机卡纸',
      moduleType: '打印机',
    });
    const fromForm = parse({
      'contact.name': '张老师',
      'contact.email': 'zhang@example.edu.cn',
      description: '打印机卡纸',
      moduleType: '打印机',
    });
    expect(fromForm).toEqual(fromJson);
  });

  it('treats the "不确定" module option (an empty value) as no module type', () => {
    const report = parse({ ...formBody, moduleType: '' });
    expect(report.moduleType).toBeUndefined();
    const message = reportToInboundMessage(report, { externalId: 'k', receivedAt });
    expect(message.ok && message.value.fields.moduleType).toBeUndefined();
  });

  it('names each bad field by the path the form uses', () => {
    const body = parseReportBody(
      {
        ...formBody,
        'contact.name': '   ',
        'contact.email': 'not-an-email',
        moduleType: '冰箱',
        description: '',
      },
      'en',
    );
    expect(body.ok).toBe(false);
    if (body.ok) return;
    expect(body.error.map((d) => d.path).sort()).toEqual([
      'contact.email',
      'contact.name',
      'description',
      'moduleType',
    ]);
    expect(body.error.find((d) => d.path === 'contact.name')?.message).toBe('Required.');
  });

  it('speaks Chinese to the form', () => {
    const body = parseReportBody({ ...formBody, 'contact.email': 'x', description: '' }, 'zh');
    expect(body.ok).toBe(false);
    if (body.ok) return;
    expect(body.error).toEqual(
      expect.arrayContaining([
        { path: 'contact.email', message: '邮箱格式不正确' },
        { path: 'description', message: '必填' },
      ]),
    );
  });

  it('reports a missing contact block as such', () => {
    const body = parseReportBody({ description: '网络断了' }, 'en');
    expect(!body.ok && body.error).toEqual([{ path: 'contact', message: 'Required.' }]);
  });

  it('maps core schema failures back to the form names', () => {
    const report = parse(formBody);
    const message = reportToInboundMessage(report, { externalId: '', receivedAt });
    expect(!message.ok && message.error.map((d) => d.path)).toEqual(['idempotencyKey']);
  });

  it('ignores names that would reach the object prototype', () => {
    const normalized = normalizeReportInput({
      '__proto__.polluted': 'yes',
      'constructor.prototype.x': 'y',
      a: 'b',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(normalized).toEqual({ a: 'b' });
  });
});
