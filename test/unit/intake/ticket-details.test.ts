import { describe, expect, it } from 'vitest';
import {
  detailsFromAnswer,
  extractDetails,
  missingDetails,
  questionText,
} from '../../../core/intake/ticket-details.js';

describe('extractDetails', () => {
  it('finds place, device and phone by their shape', () => {
    expect(extractDetails('行政楼305的HP打印机卡纸了，电话13800138000')).toEqual({
      location: '行政楼305',
      device: 'HP打印机',
      phone: '13800138000',
    });
  });

  it('prefers labelled facts and reads landlines and extensions', () => {
    expect(extractDetails('位置：图书馆2楼机房，设备：核心交换机，分机 6688')).toEqual({
      location: '图书馆2楼机房',
      device: '核心交换机',
      phone: '6688',
    });
    expect(extractDetails('网络断了 010-88886666').phone).toBe('010-88886666');
  });

  it('leaves out what the text does not say', () => {
    const d = extractDetails('好像坏了');
    expect(d).toEqual({ location: null, device: null, phone: null });
    expect(missingDetails(d)).toEqual(['location', 'device', 'phone']);
  });
});

describe('detailsFromAnswer', () => {
  it('fills what the answer states', () => {
    expect(detailsFromAnswer('科研楼201，联想台式机，13912345678', ['location', 'device', 'phone'])).toEqual({
      location: '科研楼201',
      device: '联想台式机',
      phone: '13912345678',
    });
  });

  it('takes the whole answer for the one thing asked when it has no recognisable shape', () => {
    expect(detailsFromAnswer('三楼东头财务室', ['location'])).toEqual({ location: '三楼东头财务室' });
    expect(detailsFromAnswer('不知道', ['phone'])).toEqual({});
  });

  it('asks in words the reporter understands', () => {
    expect(questionText('INC-20261123-0001', ['location', 'phone'])).toContain(
      '设备点位（楼宇/房间）、联系电话',
    );
  });
});
