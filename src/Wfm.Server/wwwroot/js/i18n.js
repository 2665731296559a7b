// Loads the UI strings of the chosen language and formats numbers, durations and dates for it.
const STORAGE_KEY = 'wfm.lang';

export async function loadLanguage() {
  const languages = await (await fetch('/api/i18n')).json();
  const fromQuery = new URLSearchParams(location.search).get('lang');
  const stored = localStorage.getItem(STORAGE_KEY);
  const browser = (navigator.language || 'en').slice(0, 2);
  const code = [fromQuery, stored, browser, 'en'].find(c => c && languages.some(l => l.code === c));
  const language = languages.find(l => l.code === code);
  const strings = await (await fetch(`/api/i18n/${code}`)).json();
  document.documentElement.lang = code;
  document.documentElement.dir = language.direction;
  return new I18n(language, languages, strings);
}

export function chooseLanguage(code) {
  localStorage.setItem(STORAGE_KEY, code);
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  location.href = url.toString();
}

export class I18n {
  constructor(language, languages, strings) {
    this.language = language;
    this.languages = languages;
    this.strings = strings;
    const locale = language.code === 'fa' ? 'fa-IR' : language.code;
    this.number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    this.integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    this.signedPercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    this.locale = locale;
  }

  t(key) { return this.strings[key] ?? key; }

  apply(root = document) {
    root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = this.t(el.dataset.i18n); });
    root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = this.t(el.dataset.i18nPlaceholder); });
    root.querySelectorAll('[data-i18n-label]').forEach(el => { el.label = this.t(el.dataset.i18nLabel); });
  }

  pct(value) { return value == null ? '–' : this.percent.format(value); }

  /** A percentage with its sign (+1.2 %, −0.5 %), and no sign when it rounds to zero. */
  signedPct(value) { return value == null ? '–' : this.signedPercent.format(value); }

  num(value) { return value == null ? '–' : this.number.format(value); }

  int(value) { return value == null ? '–' : this.integer.format(value); }

  /** Seconds as m:ss or h:mm:ss, with the language's digits. */
  duration(seconds) {
    if (seconds == null || !isFinite(seconds)) return '–';
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const two = n => this.integer.format(n).padStart(2, this.integer.format(0));
    return h > 0 ? `${this.integer.format(h)}:${two(m)}:${two(r)}` : `${this.integer.format(m)}:${two(r)}`;
  }

  /** A date in the center's time zone: Solar Hijri for Persian, Gregorian otherwise. */
  date(value, timeZone) {
    const calendar = this.language.calendar;
    return new Intl.DateTimeFormat(`${this.locale}-u-ca-${calendar}`, { timeZone, dateStyle: 'full' }).format(value);
  }

  /** An instant as date and time in the center's zone, in the language's calendar (Solar Hijri for Persian) and digits. */
  stamp(value, timeZone) {
    if (value == null) return '–';
    return new Intl.DateTimeFormat(`${this.locale}-u-ca-${this.language.calendar}`, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(value));
  }

  /** A calendar day given as yyyy-MM-dd, in the language's calendar (Solar Hijri for Persian) and digits. */
  day(text) {
    if (!text) return '–';
    return new Intl.DateTimeFormat(`${this.locale}-u-ca-${this.language.calendar}`, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${text.slice(0, 10)}T00:00:00Z`));
  }

  time(value, timeZone) {
    return new Intl.DateTimeFormat(this.locale, { timeZone, timeStyle: 'medium' }).format(value);
  }

  /** "HH:mm" of a wall-clock timestamp of the center ("2026-12-07T14:30:00"), in the language's digits. */
  wall(text) {
    const [h, m] = text.slice(11, 16).split(':').map(Number);
    const two = n => this.integer.format(n).padStart(2, this.integer.format(0));
    return `${two(h)}:${two(m)}`;
  }

  /** A span of seconds as people say it: 20 s, 2 min, 4 h (the language's own unit words and digits). */
  span(seconds) {
    if (seconds == null) return '–';
    const [value, unit] = seconds >= 3600 && seconds % 3600 === 0 ? [seconds / 3600, 'hour']
      : seconds >= 60 && seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
    return new Intl.NumberFormat(this.locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  }

  /** A service-level target as people say it: "80 % in 20 s", "90 % in 4 h". */
  target(percent, seconds) {
    return this.t('queue.targetFormat').replace('{p}', this.pct(percent / 100)).replace('{t}', this.span(seconds));
  }

  /** Hours and minutes (24-hour) of an instant in a time zone. */
  hm(value, timeZone) {
    return new Intl.DateTimeFormat(this.locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(value));
  }
}
