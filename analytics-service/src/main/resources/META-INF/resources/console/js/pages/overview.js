import { call, optional } from '../api.js';
import { h, n, pct, card, notAvailable, errorText, badge } from '../dom.js';

/** Today's totals and conversion (analytics reports), campaigns by state (ingest), numbers by health state (health-monitor). */
export async function renderOverview(main) {
  const day = new Date().toISOString().slice(0, 10);
  main.append(h('h1', {}, 'Overview ', h('span', { class: 'muted' }, day)));
  const totals = h('section', { class: 'panel', id: 'overview-totals' }, h('h2', {}, 'Today'));
  const conversion = h('section', { class: 'panel', id: 'overview-conversion' }, h('h2', {}, 'Conversion'));
  const campaigns = h('section', { class: 'panel', id: 'overview-campaigns' }, h('h2', {}, 'Campaigns'));
  const health = h('section', { class: 'panel', id: 'overview-health' }, h('h2', {}, 'Sender health'));
  main.append(totals, h('div', { class: 'grid' }, conversion, campaigns, health));

  await Promise.all([
    optional('analytics', '/v1/reports/overview?day=' + day).then(o => {
      if (!o) {
        totals.append(notAvailable("today's totals"));
        conversion.append(notAvailable('conversion'));
        return;
      }
      totals.append(h('div', { class: 'cards' }, ['submitted', 'sent', 'delivered', 'read', 'failed', 'suppressed']
        .map(k => card(k, n(o[k]), { 'data-total': k }))));
      conversion.append(h('div', { class: 'cards' },
        card('delivered / sent', pct(o.sent ? o.delivered / o.sent : null), { 'data-rate': 'delivered' }),
        card('read / delivered', pct(o.delivered ? o.read / o.delivered : null), { 'data-rate': 'read' }),
        card('failed / submitted', pct(o.submitted ? o.failed / o.submitted : null), { 'data-rate': 'failed' })));
    }).catch(e => totals.append(h('p', { class: 'error' }, errorText(e)))),
    call('ingest', '/v1/campaigns?limit=500').then(page => {
      const byState = {};
      page.items.forEach(c => { byState[c.state] = (byState[c.state] || 0) + 1; });
      campaigns.append(h('div', { class: 'cards' }, ['RUNNING', 'SCHEDULED', 'PAUSED', 'COMPLETED', 'CANCELLED', 'DRAFT']
        .map(s => card(s.toLowerCase(), n(byState[s] || 0), { 'data-campaigns': s }))),
      h('p', {}, h('a', { href: '#/campaigns' }, 'All campaigns →')));
    }).catch(e => campaigns.append(h('p', { class: 'error' }, errorText(e)))),
    call('healthMonitor', '/v1/health/senders?limit=500').then(page => {
      const byState = {};
      page.items.forEach(s => { byState[s.state] = (byState[s.state] || 0) + 1; });
      const states = Object.keys(byState).sort();
      health.append(states.length === 0 ? h('p', { class: 'muted' }, 'No numbers judged yet.')
        : h('div', { class: 'cards' }, states.map(s => h('div', { class: 'card' }, h('div', { class: 'label' }, badge(s)),
          h('div', { class: 'value', 'data-health': s }, n(byState[s]))))),
      h('p', {}, h('a', { href: '#/senders' }, 'Sender health →')));
    }).catch(e => health.append(h('p', { class: 'error' }, errorText(e)))),
  ]);
}
