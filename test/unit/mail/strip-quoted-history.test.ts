import { describe, expect, it } from 'vitest';
import { stripQuotedHistory } from '../../../core/mail/strip-quoted-history.js';

describe('stripQuotedHistory keeps only the new text of a reply', () => {
  it.each([
    [
      'Foxmail/QQ',
      '打印机还是不行\n\n------------------ 原始邮件 ------------------\n发件人: 服务台\n已受理',
    ],
    [
      'Outlook 中文',
      '打印机还是不行\n\n-----原始邮件-----\n发件人: IT服务台\n发送时间: 2026年11月23日\n主题: 已受理',
    ],
    [
      'Chinese wrote',
      '打印机还是不行\n\n在 2026年11月23日 星期一 08:00，IT服务台 <helpdesk@desk.example.cn> 写道：\n> 已受理',
    ],
    [
      'Gmail wrote, wrapped',
      '打印机还是不行\n\nOn Mon, Nov 23, 2026 at 8:00 AM IT服务台\n<helpdesk@desk.example.cn> wrote:\n> 已受理',
    ],
    [
      'Outlook header block',
      '打印机还是不行\n________________________________\nFrom: IT服务台\nSent: Monday\nTo: 张老师\nSubject: 已受理',
    ],
    [
      'bare header block',
      '打印机还是不行\n\n发件人: IT服务台\n发送时间: 2026-11-23\n收件人: 张老师\n主题: 已受理',
    ],
    ['trailing > lines', '打印机还是不行\n> 已受理\n> 工单号'],
  ])('%s', (_name, text) => {
    expect(stripQuotedHistory(text)).toBe('打印机还是不行');
  });

  it('leaves a mail without quotes alone, and keeps a bare forward whole', () => {
    expect(stripQuotedHistory('第一行\n\n第二行')).toBe('第一行\n\n第二行');
    const forward = '-----Original Message-----\nFrom: a\nSent: b\nSubject: c\n\nbody';
    expect(stripQuotedHistory(forward)).toBe(forward);
  });

  it('does not cut at a line that merely mentions From:', () => {
    expect(stripQuotedHistory('From: 3楼\n打印机坏了')).toBe('From: 3楼\n打印机坏了');
  });
});
