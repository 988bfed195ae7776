import { describe, expect, it } from 'vitest';
import type { Person } from '../../../core/desk/person.js';
import { acknowledgementText, dispatchText, triageText } from '../../../core/notify/index.js';
import { person } from '../../support/test-desk.js';
import { aTicket } from '../tickets/ticket.fixture.js';

const someone = (id: string, name: string): Person =>
  person({ id, name, role: id.startsWith('desk') ? 'desk' : 'engineer' });
const owner = someone('desk-a', '王服务台');
const engineer = someone('eng-print', '赵打印');

describe('acknowledgementText', () => {
  it('names the ticket, its category, the desk owner and the engineer with the response time', () => {
    const text = acknowledgementText(aTicket({ status: 'dispatched' }), owner, engineer, 10);
    expect(text).toContain('INC-20261123-0007');
    expect(text).toContain('打印机');
    expect(text).toContain('王服务台');
    expect(text).toContain('赵打印');
    expect(text).toContain('10 分钟');
    expect(text).toContain('进度 #INC-20261123-0007');
    expect(text).not.toContain('正在安排工程师');
  });

  it('says the desk is arranging an engineer when nobody was dispatched', () => {
    const text = acknowledgementText(aTicket({ status: 'accepted' }), owner, null, 10);
    expect(text).toContain('INC-20261123-0007');
    expect(text).toContain('王服务台');
    expect(text).toContain('服务台正在安排工程师');
    expect(text).not.toContain('已派单');
  });

  it('reads sensibly with no category and no owner yet', () => {
    const text = acknowledgementText(aTicket({ category: null, ownerId: null }), null, null, 10);
    expect(text).toContain('待判断');
    expect(text).toContain('服务台负责人：服务台');
    expect(text).not.toMatch(/null|undefined/);
  });
});

describe('dispatchText', () => {
  it('gives the engineer what they need to go: where, what, who, and how soon to answer', () => {
    const text = dispatchText(aTicket({ status: 'dispatched', priority: 'P2' }), owner, 15);
    expect(text).toContain('【派单】INC-20261123-0007');
    expect(text).toContain('打印机');
    expect(text).toContain('P2');
    expect(text).toContain('位置：行政楼305');
    expect(text).toContain('设备：HP M404');
    expect(text).toContain('张老师 / 财务处 / 13800138000');
    expect(text).toContain('打印机卡纸了，打印不出来');
    expect(text).toContain('15 分钟');
    expect(text).toContain('接单 INC-20261123-0007');
    expect(text).toContain('王服务台');
  });

  it('falls back to the reporter office, then says no location was given', () => {
    const office = dispatchText(aTicket({ location: null }), owner, 10);
    expect(office).toContain('位置：行政楼305');
    const nowhere = dispatchText(
      aTicket({ location: null, reporter: { ...aTicket().reporter, officeLocation: null } }),
      owner,
      10,
    );
    expect(nowhere).toContain('位置：未提供位置');
  });

  it('leaves out what the reporter did not give and keeps long descriptions short', () => {
    const t = aTicket({
      deviceName: null,
      description: '很'.repeat(1000),
      reporter: { ...aTicket().reporter, department: null, phone: null },
    });
    const text = dispatchText(t, null, 10);
    expect(text).not.toContain('设备：');
    expect(text).toContain('报修人：张老师\n');
    expect(text).toContain('很'.repeat(300));
    expect(text).not.toContain('很'.repeat(301));
    expect(text).not.toMatch(/null|undefined/);
  });
});

describe('triageText', () => {
  it('tells the desk which ticket waits and why', () => {
    const text = triageText(aTicket({ status: 'accepted' }), '没有可派单的打印机工程师');
    expect(text).toContain('【待人工派单】INC-20261123-0007');
    expect(text).toContain('打印机');
    expect(text).toContain('位置：行政楼305');
    expect(text).toContain('原因：没有可派单的打印机工程师');
  });
});
