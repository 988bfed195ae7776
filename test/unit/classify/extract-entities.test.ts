import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../core/classify/index.js';

const vocabulary = { places: ['行政楼', '图书馆', '科研楼A座'], systems: ['OA', '教务系统', 'VPN'] };

describe('extractEntities', () => {
  it('finds the place, chaining building, floor and room', () => {
    expect(extractEntities('行政楼3楼305室的打印机卡纸', vocabulary).location).toBe('行政楼3楼305室');
    expect(extractEntities('图书馆二楼东侧网口没反应', vocabulary).location).toBe('图书馆二楼');
    expect(extractEntities('我在5号楼2层，电脑蓝屏', vocabulary).location).toBe('5号楼2层');
    expect(extractEntities('电脑开不了机', vocabulary).location).toBeNull();
  });

  it('finds phones, IP addresses, asset tags and known systems', () => {
    const e = extractEntities(
      '科研楼A座 电脑IP 10.2.33.41 上不了OA，资产编号：ZC-2023-00123，回电13912345678或分机8023',
      vocabulary,
    );
    expect(e.ips).toEqual(['10.2.33.41']);
    expect(e.assetTags).toContain('ZC-2023-00123');
    expect(e.phones).toEqual(expect.arrayContaining(['13912345678', '8023']));
    expect(e.systems).toEqual(['OA']);
    expect(e.location).toBe('科研楼A座');
  });

  it('names the device, brand and model when given', () => {
    expect(extractEntities('HP LaserJet M404打印机不出纸', vocabulary).device).toMatch(/^HP LaserJet M404/);
    expect(extractEntities('会议室投影仪没信号', vocabulary).device).toBe('投影仪');
    expect(extractEntities('帮我看看邮件', vocabulary).device).toBeNull();
  });

  it('does not read an IP or a version number as a phone or a room', () => {
    const e = extractEntities('网关192.168.100.254 ping不通', vocabulary);
    expect(e.phones).toEqual([]);
    expect(e.location).toBeNull();
    expect(extractEntities('not an ip 300.1.1.1', vocabulary).ips).toEqual([]);
  });
});
