import chineseDays from 'chinese-days';
import type { HolidayBook, HolidayKind } from '../../core/sla/sla-calendar.js';

/**
 * Chinese public holidays and make-up working days (调休) from the maintained `chinese-days`
 * package (State Council notices, updated each year). Its day detail names the festival on special
 * days ("National Day,国庆节,3") and the weekday otherwise; `work` says whether people work. Dates
 * outside its data are ordinary days.
 */
export const chineseHolidayBook: HolidayBook = {
  kindOf(date: string): HolidayKind {
    const detail = chineseDays.getDayDetail(date);
    if (!detail.name.includes(',')) return null;
    return detail.work ? 'makeup' : 'holiday';
  },
};
