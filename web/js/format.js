// format.js — dates in Vietnam time (UTC+7), numbers, money, durations, the
// national dossier statuses and "time left" chips, in the chosen language.
import { getLang, locale, t } from './i18n.js';

const TZ = 'Asia/Ho_Chi_Minh';

// Accepts an ISO date ("2025-03-01"), an ISO instant, or epoch seconds.
export function toDate(v) {
  if (v === null || v === undefined || v === '' || v === 0) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v * 1000);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T12:00:00+07:00`);
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function fmtDate(v) {
  const d = toDate(v);
  if (!d) return '—';
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

export function fmtDateTime(v) {
  const d = toDate(v);
  if (!d) return '—';
  const time = new Intl.DateTimeFormat(locale(), { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${time} ${fmtDate(d)}`;
}

export function fmtTime(v) {
  const d = toDate(v);
  if (!d) return '—';
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
}

// Today in Vietnam as "YYYY-MM-DD".
export function todayIso(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86400000);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return parts;
}

export function fmtNum(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(n));
}

export function fmtPct(ratio, digits = 1) {
  if (ratio === null || ratio === undefined) return t('common.no_data');
  return `${fmtNum(Number(ratio) * 100, digits)}%`;
}

export function fmtMoney(n) {
  if (!n) return t('common.free');
  return `${fmtNum(n)} ${getLang() === 'vi' ? 'đồng' : 'VND'}`;
}

export function fmtBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${fmtNum(n / 1024, 0)} KB`;
  return `${fmtNum(n / 1024 / 1024, 1)} MB`;
}

// "2 ngày 3 giờ" from days and hours.
export function fmtDaysHours(days, hours, minutes = 0) {
  const parts = [];
  if (days) parts.push(t('time.days', { n: days }));
  if (hours) parts.push(t('time.hours', { n: hours }));
  if (!days && !hours) parts.push(t('time.minutes', { n: minutes || 0 }));
  return parts.join(' ');
}

// National status codes (dossiers.md, TrangThaiHoSo) with a tone for badges.
const STATUS_TONE = { 1: 'info', 2: 'info', 3: 'bad', 4: 'info', 5: 'warn', 6: 'warn', 7: 'idle', 8: 'bad', 9: 'ok', 10: 'ok' };
export function statusLabel(code) { return t(`status.${code}`); }
export function statusTone(code) { return STATUS_TONE[code] || 'idle'; }

// Time left of a dossier, from the server's time_left: {known, ended, paused,
// late, soon, days, hours, minutes, text_vi}. Returns {tone, text, icon} or
// null: red when late, amber when soon late (the server's threshold), grey
// while paused or before reception. The words always say it, not the colour.
export function timeLeft(tl) {
  if (!tl) return null;
  if (tl.ended) return { tone: 'idle', text: t('time.ended'), icon: 'check' };
  if (!tl.known) return { tone: 'idle', text: t('time.not_received'), icon: 'clock' };
  if (tl.paused) return { tone: 'idle', text: getLang() === 'vi' && tl.text_vi ? tl.text_vi : t('time.paused'), icon: 'clock' };
  const d = fmtDaysHours(Math.abs(tl.days || 0), Math.abs(tl.hours || 0), Math.abs(tl.minutes || 0));
  let text;
  if (getLang() === 'vi' && tl.text_vi) text = tl.text_vi;
  else text = tl.late ? t('time.late_by', { d }) : t('time.left', { d });
  const tone = tl.late ? 'bad' : tl.soon ? 'warn' : 'ok';
  return { tone, text, icon: tl.late ? 'alert' : 'clock' };
}

export function onlineLabel(level) { return t(`online.${level || 'none'}`); }
export function channelLabel(c) { return t(`channel.${c}`); }

// "5 ngày làm việc" / "5 working days" from a procedure's time_amount and time_unit.
export function procTime(p) {
  if (!p) return '—';
  if (getLang() === 'vi' && p.time_label) return p.time_label;
  if (!p.time_unit) return p.time_label || '—';
  return t(`timeunit.${p.time_unit}`, { n: p.time_amount });
}
