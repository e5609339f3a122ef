// Small DOM and formatting helpers. Pages build elements with h(), never innerHTML, so API data is always text.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const numbers = new Intl.NumberFormat('en-US');

/** A whole number with thousands separators; '—' for none. */
export function n(value) {
  return value === undefined || value === null || Number.isNaN(value) ? '—' : numbers.format(value);
}

/** A share in [0, 1] as a percentage with one decimal. */
export function pct(value) {
  return value === undefined || value === null || !Number.isFinite(value) ? '—' : (value * 100).toFixed(1) + ' %';
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/**
 * A contact's phone or BSUID with its middle hidden: '+263771234567' → '+263•••••••67'. Admins see it whole
 * (docs/console.md); everybody else sees only enough to tell two contacts apart.
 */
export function maskPhone(value, admin) {
  if (value === undefined || value === null || value === '') return '—';
  const s = String(value);
  if (admin) return s;
  const lead = s.startsWith('+') ? 4 : 3;
  if (s.length <= lead + 2) return '•'.repeat(s.length);
  return s.slice(0, lead) + '•'.repeat(s.length - lead - 2) + s.slice(-2);
}

export function badge(state) {
  return h('span', { class: 'badge ' + (state || ''), 'data-field': 'state' }, state || '—');
}

export function bar(share) {
  const w = Math.max(0, Math.min(1, share || 0)) * 100;
  return h('div', { class: 'bar' }, h('span', { style: { width: w.toFixed(1) + '%' } }));
}

/** A panel that says what it would show is not available (its API answered 404 or is not there yet). */
export function notAvailable(what) {
  return h('p', { class: 'na', 'data-na': 'true' }, what + ': not available');
}

export function errorText(e) {
  if (e && e.problem) return (e.problem.title || 'Error') + (e.problem.detail ? ': ' + e.problem.detail : '') + ' (' + e.status + ')';
  return e && e.message ? e.message : String(e);
}

export function card(label, value, attrs = {}) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value', ...attrs }, value));
}
