import { call } from '../api.js';
import { h, n, when, badge, bar } from '../dom.js';

/** Every business number as health-monitor judges it: state, score, the portfolio's 24 h use against its budget, why. */
export async function renderSenders(main) {
  main.append(h('h1', {}, 'Sender health'));
  const panel = h('section', { class: 'panel' });
  main.append(panel);
  const page = await call('healthMonitor', '/v1/health/senders?limit=500');
  if (page.items.length === 0) {
    panel.append(h('p', { class: 'muted' }, 'No numbers judged yet.'));
    return;
  }
  panel.append(h('div', { class: 'table-wrap' }, h('table', { id: 'senders', class: 'stack' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Number'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Score'),
      h('th', { class: 'num wide-only' }, 'Throttle'), h('th', {}, 'Used / budget (24 h)'), h('th', {}, 'Why'),
      h('th', { class: 'wide-only' }, 'Quality · tier'), h('th', { class: 'wide-only' }, 'Since'))),
    h('tbody', {}, page.items.map(s => {
      const b = s.budget || {};
      const used = b.usedLast24h;
      return h('tr', { 'data-sender-id': s.senderId },
        h('td', { 'data-label': 'Number' }, h('div', {}, h('div', {}, s.displayNumber || s.senderId), h('div', { class: 'muted wide-only' }, s.senderId))),
        h('td', { 'data-label': 'State' }, h('div', {}, badge(s.state), s.manualPause ? h('div', { class: 'muted' }, 'paused by an operator') : null)),
        h('td', { class: 'num', 'data-field': 'score', 'data-label': 'Score' }, s.score === undefined || s.score === null ? '—' : s.score.toFixed(2)),
        h('td', { class: 'num wide-only', 'data-field': 'throttle' }, (s.throttleFactor ?? 1).toFixed(2)),
        h('td', { 'data-field': 'budget', 'data-label': 'Used / budget' }, h('div', {}, h('span', { 'data-field': 'used' }, n(used)), ' / ',
          h('span', { 'data-field': 'limit' }, b.limit === undefined || b.limit === null ? 'unlimited' : n(b.limit)),
          b.limit ? bar((used || 0) / b.limit) : null)),
        h('td', { 'data-field': 'why', 'data-label': 'Why' }, h('div', {}, s.why || '—',
          (s.reasons || []).length ? h('div', { class: 'muted' }, s.reasons.join(', ')) : null)),
        h('td', { class: 'wide-only' }, (s.qualityRating || '—') + ' · ' + (s.messagingTier || '—')),
        h('td', { class: 'wide-only' }, when(s.changedAt)));
    })))));
}
