import { call, optional } from '../api.js';
import { h, n, pct, badge, bar, notAvailable, errorText } from '../dom.js';
import { count, done } from './figures.js';

/**
 * Every campaign with its state and progress (ingest: the list, then each campaign's progress), and its delivery and
 * read rates and the contacts that replied (credited to its messages) from analytics' campaign report when that is available.
 */
export async function renderCampaigns(main) {
  main.append(h('h1', {}, 'Campaigns'));
  const panel = h('section', { class: 'panel' });
  main.append(panel);
  const [page, reports] = await Promise.all([
    call('ingest', '/v1/campaigns?limit=100'),
    optional('analytics', '/v1/reports/campaigns').catch(() => null),
  ]);
  const details = await Promise.all(page.items.map(c => call('ingest', '/v1/campaigns/' + encodeURIComponent(c.id))
    .catch(e => ({ ...c, error: errorText(e) }))));
  const report = {};
  ((reports && reports.items) || []).forEach(r => { report[r.campaignId] = r; });
  if (details.length === 0) {
    panel.append(h('p', { class: 'muted' }, 'No campaigns yet.'));
    return;
  }
  const cell = (field, label, value, cls = 'num') => h('td', { class: cls, 'data-field': field, 'data-label': label }, value);
  const rows = details.map(c => {
    const p = c.progress;
    const r = report[c.id];
    return h('tr', { 'data-campaign-id': c.id },
      h('td', { 'data-label': 'Name' }, h('a', { href: '#/campaigns/' + encodeURIComponent(c.id), 'data-field': 'name' }, c.name)),
      h('td', { class: 'wide-only' }, c.project),
      h('td', { 'data-label': 'State' }, badge(c.state)),
      cell('total', 'Recipients', n(p ? p.total : null)),
      h('td', { class: 'wide-only' }, bar(p && p.total ? done(p) / p.total : 0)),
      cell('done', 'Done', n(p ? done(p) : null)),
      cell('sent', 'Sent', n(count(p, 'SENT', 'DELIVERED', 'READ'))),
      cell('delivered', 'Delivered', n(count(p, 'DELIVERED', 'READ'))),
      cell('read', 'Read', n(count(p, 'READ'))),
      cell('failed', 'Failed', n(count(p, 'FAILED', 'REJECTED', 'EXPIRED'))),
      cell('suppressed', 'Suppressed', n(count(p, 'SUPPRESSED'))),
      cell('deliveredRate', 'Delivered %', r ? pct(r.deliveredRate) : '—', 'num wide-only'),
      cell('readRate', 'Read %', r ? pct(r.readRate) : '—', 'num wide-only'),
      cell('replied', 'Replied', r ? n(r.replied) : '—', 'num wide-only'));
  });
  panel.append(h('div', { class: 'table-wrap' }, h('table', { id: 'campaigns', class: 'stack' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', { class: 'wide-only' }, 'Project'), h('th', {}, 'State'),
      h('th', { class: 'num' }, 'Recipients'), h('th', { class: 'wide-only' }, 'Progress'), h('th', { class: 'num' }, 'Done'),
      h('th', { class: 'num' }, 'Sent'), h('th', { class: 'num' }, 'Delivered'), h('th', { class: 'num' }, 'Read'),
      h('th', { class: 'num' }, 'Failed'), h('th', { class: 'num' }, 'Suppressed'),
      h('th', { class: 'num wide-only' }, 'Delivered %'), h('th', { class: 'num wide-only' }, 'Read %'),
      h('th', { class: 'num wide-only' }, 'Replied'))),
    h('tbody', {}, rows))));
  panel.append(h('p', { class: 'muted' }, 'Sent, delivered and read count every recipient that got at least that far ',
    '(a read message was also delivered); failed includes rejected and expired. Replied counts the contacts whose reply ',
    'is credited to one of the campaign\'s messages (the one it quotes, else the last one delivered within the reply window).'));
  if (!reports) panel.append(notAvailable('delivery and read rates and replies (campaign reports)'));
}
