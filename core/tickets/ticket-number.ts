/** INC-20261123-0007: prefix, the desk's local date, a per-day sequence (at least 4 digits). */
export function formatTicketNumber(prefix: string, localDate: string, sequence: number): string {
  return `${prefix}-${localDate.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

export const TICKET_NUMBER_PATTERN = /^[A-Z]{2,8}-\d{8}-\d{4,}$/;

/** Finds the first ticket number in free text (`进度 #INC-20261123-0007`, `Re: [INC-…]`). */
export function findTicketNumber(text: string, prefix: string): string | null {
  const m = new RegExp(`\\b${prefix}-\\d{8}-\\d{4,}\\b`, 'i').exec(text);
  return m ? m[0].toUpperCase() : null;
}
