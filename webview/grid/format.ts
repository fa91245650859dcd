/**
 * How a grid cell's value reads: numbers by Streamlit's NumberColumn formats (printf-style or a named
 * preset), dates by moment-style tokens, in UTC (the host's and the view's time zones may differ).
 * Pure, so the rules are unit-tested on their own.
 */
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4, useGrouping: false });
const presets: Record<string, (v: number) => string> = {
  plain: (v) => String(v),
  localized: (v) => v.toLocaleString(),
  percent: (v) => `${(v * 100).toFixed(2)}%`,
  dollar: (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(v),
  euro: (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(v),
  yen: (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(v),
  compact: (v) => new Intl.NumberFormat('en-US', { notation: 'compact' }).format(v),
  scientific: (v) => v.toExponential(2),
  engineering: (v) => new Intl.NumberFormat('en-US', { notation: 'engineering' }).format(v),
  accounting: (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' }).format(v),
};

/** One printf conversion: flags (`,` groups thousands), width is ignored, precision, type. */
const PRINTF = /%([,0+ -]*)(\d*)(?:\.(\d+))?([dfieuxs])/;

export function formatNumber(value: number, format?: string): string {
  if (Number.isNaN(value)) return '';
  if (!format) return plain.format(value);
  const preset = presets[format];
  if (preset) return preset(value);
  const match = PRINTF.exec(format);
  if (!match) return format.replace(/%%/g, '%');
  const [whole, flags = '', , precision, type] = match;
  let text: string;
  if (type === 'd' || type === 'i' || type === 'u') {
    text = flags.includes(',') ? Math.round(value).toLocaleString('en-US') : String(Math.round(value));
  } else if (type === 'e') text = value.toExponential(precision === undefined ? 6 : Number(precision));
  else if (type === 'x') text = Math.round(value).toString(16);
  else if (type === 's') text = String(value);
  else {
    const digits = precision === undefined ? 6 : Math.min(20, Number(precision));
    text = flags.includes(',')
      ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
      : value.toFixed(digits);
  }
  if (flags.includes('+') && value >= 0) text = `+${text}`;
  const at = match.index;
  return `${format.slice(0, at).replace(/%%/g, '%')}${text}${format.slice(at + whole.length).replace(/%%/g, '%')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Tokens: YYYY, MMM, MM, M, DD, D, HH, mm, ss; "iso8601" is the ISO text. */
export function formatDate(ms: number, format: string): string {
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  if (format === 'iso8601') return d.toISOString();
  const tokens: Record<string, string> = {
    YYYY: String(d.getUTCFullYear()),
    MMM: MONTHS[d.getUTCMonth()]!,
    MM: pad(d.getUTCMonth() + 1),
    M: String(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate()),
    D: String(d.getUTCDate()),
    HH: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
  };
  return format.replace(/YYYY|MMM|MM|M|DD|D|HH|mm|ss/g, (t) => tokens[t]!);
}

/** A progress column's fill (0…1): Streamlit's ProgressColumn runs from `minValue` 0 to `maxValue` 100 unless told. */
export function progressFraction(value: number, min = 0, max = 100): number {
  if (Number.isNaN(value) || max === min) return 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}
