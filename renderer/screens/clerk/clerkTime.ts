/** Dates the clerk screens need from the clock, in Japan time (the counter's calendar). */

const isoInTokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
const timeInTokyo = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false });

/** ISO date (YYYY-MM-DD) of an instant in Japan time. */
export function tokyoIsoDate(epochMs: number): string {
  return isoInTokyo.format(new Date(epochMs));
}

/** HH:MM of an instant in Japan time. */
export function tokyoTime(epochMs: number): string {
  return timeInTokyo.format(new Date(epochMs));
}
