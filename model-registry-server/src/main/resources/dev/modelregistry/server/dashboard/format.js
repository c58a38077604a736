// Formatting and DOM building shared by the pages. Text goes in as text (textContent), never as HTML.

const dateFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const timeFormat = new Intl.DateTimeFormat(undefined, {timeStyle: 'medium'});

/** An element: h('a', {href: '#/x', class: 'c'}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

/** Replaces an element's children; like h(), skips null, undefined and false (replaceChildren would write "null"). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function date(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  // "3:44 AM" kept on one line: a table cell that wraps between the time and AM/PM reads as two values.
  return isNaN(d) ? String(iso) : dateFormat.format(d).replace(/(\d:\d\d) /, '$1\u00a0');
}

export function time(iso) {
  const d = iso instanceof Date ? iso : new Date(iso);
  return isNaN(d) ? '—' : timeFormat.format(d);
}

/** A fraction as a percentage: 0.0312 -> "3.1%". */
export function pct(x, digits = 1) {
  return x === null || x === undefined || !isFinite(x) ? '—' : (x * 100).toFixed(digits) + '%';
}

export function num(x, digits = 4) {
  if (x === null || x === undefined || x === '' || !isFinite(x)) return '—';
  const n = Number(x);
  if (Number.isInteger(n)) return n.toLocaleString();
  return Math.abs(n) >= 1000 ? n.toLocaleString(undefined, {maximumFractionDigits: 1})
      : Number(n.toPrecision(digits)).toString();
}

export function signed(x, digits = 4) {
  if (x === null || x === undefined || !isFinite(x)) return '—';
  return (x > 0 ? '+' : '') + num(x, digits);
}

/** Milliseconds, in µs below one millisecond (in-process models answer in microseconds). */
export function ms(x) {
  if (x === null || x === undefined || !isFinite(x)) return '—';
  return x > 0 && x < 1 ? num(x * 1000, 3) + ' µs' : num(x, 3) + ' ms';
}

const dayFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium'});

/** A day, for data ranges: times of day there are noise. */
export function day(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : dayFormat.format(d);
}

/** A duration Jackson wrote as seconds (possibly fractional): "44 s", "3 min 5 s", "2 h 10 min". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '—';
  const s = Math.round(Number(seconds));
  if (s < 60) return `${Number(seconds) < 10 ? num(Number(seconds), 3) : s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const LOWER_IS_BETTER = /(rmse|mae|mape|mse|loss|error|brier)/i;

/** 'better' or 'worse' for a change of a metric (errors and losses are better lower), '' for none. */
export function direction(metric, delta) {
  if (!delta || !isFinite(delta)) return '';
  return (delta < 0) === LOWER_IS_BETTER.test(metric) ? 'better' : 'worse';
}

export function bytes(n) {
  if (!isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

/** Jackson writes an empty Optional as null and a present one as its value. */
export function opt(x) {
  return x === undefined ? null : x;
}

export function ref(model, version) {
  return h('a', {href: `#/models/${enc(model)}/versions/${version}`}, `${model}/${version}`);
}

export function enc(s) {
  return encodeURIComponent(s);
}

export function chip(text, kind) {
  return h('span', {class: 'chip' + (kind ? ' ' + kind : '')}, text);
}

export function table(headers, rows, opts = {}) {
  return h('div', {class: 'table-wrap'},
    h('table', {class: opts.class},
      opts.caption ? h('caption', {}, opts.caption) : null,
      h('thead', {}, h('tr', {}, headers.map(x => h('th', {scope: 'col'}, x)))),
      h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c)))))));
}

/** A labelled list of facts: [['Trainer', 'xgboost'], ...]. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(p => p).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

/** An empty state: what is missing and what to do about it. */
export function empty(what, todo) {
  return h('div', {class: 'empty'}, h('p', {class: 'empty-what'}, what), todo ? h('p', {}, todo) : null);
}

export function section(title, ...body) {
  return h('section', {class: 'card'}, h('h2', {}, title), body);
}

export function code(text) {
  return h('code', {}, text);
}

/**
 * A deployment state as people say it: both stable states (ACTIVE, deployed directly or restored by a rollback, and
 * PROMOTED, a candidate that became stable) are "stable", the version taking the traffic; how it got there is
 * stateDetail's.
 */
export function stateLabel(state) {
  return state === 'ACTIVE' || state === 'PROMOTED' ? 'stable' : state.toLowerCase().replace('_', ' ');
}

/** The label with how a stable version got there when it was promoted: "stable (promoted)". */
export function stateText(state) {
  return state === 'PROMOTED' ? 'stable (promoted)' : stateLabel(state);
}

export function stateChip(state) {
  return chip(stateText(state), 'dep-' + stateLabel(state).replace(' ', '-'));
}
