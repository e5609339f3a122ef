import { call, config } from '../api.js';
import { can } from '../auth.js';
import { h, n, when, clear, errorText } from '../dom.js';

/** The dead letters of a topic dispatch consumes, and re-drive of the chosen ones (operators and admins). */
export async function renderDlq(main) {
  main.append(h('h1', {}, 'Dead letters'));
  const topics = config().dlqTopics || [];
  const picked = new URLSearchParams(location.hash.split('?')[1] || '').get('topic');
  const select = h('select', { id: 'dlq-topic' }, topics.map(t => h('option', { value: t, selected: t === picked }, t)));
  const list = h('section', { class: 'panel', id: 'dlq-list' });
  const report = h('p', { id: 'dlq-report', role: 'status' });
  main.append(h('div', { class: 'panel row' }, h('label', { for: 'dlq-topic' }, 'Topic'), select), list);
  let items = [];

  async function load(topic, cursor) {
    const q = '?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    const page = await call('dispatch', '/v1/dlq/' + encodeURIComponent(topic) + q);
    items = cursor ? items.concat(page.items) : page.items;
    clear(list).append(h('h2', {}, topic + '.dlq'));
    if (items.length === 0) {
      list.append(h('p', { class: 'muted', id: 'dlq-empty' }, 'No dead letters.'));
      return;
    }
    const operator = can('operator', 'admin');
    list.append(h('div', { class: 'table-wrap' }, h('table', { id: 'dlq' },
      h('thead', {}, h('tr', {}, operator ? h('th', {}, '') : null, ['Partition · offset', 'At', 'Record', 'Message', 'Reason'].map(t => h('th', {}, t)))),
      h('tbody', {}, items.map(d => h('tr', { 'data-position': d.partition + '/' + d.offset },
        operator ? h('td', {}, h('input', { type: 'checkbox', 'data-partition': d.partition, 'data-offset': d.offset })) : null,
        h('td', {}, d.partition + ' · ' + d.offset), h('td', {}, when(d.timestamp)),
        h('td', {}, d.decodable ? (d.recordType || '—') : 'undecodable'), h('td', {}, d.messageId || '—'),
        h('td', {}, (d.headers || {})['dead-letter-reason'] || '—')))))));
    const row = h('div', { class: 'actions' });
    if (page.nextCursor) row.append(h('button', { type: 'button', onclick: () => load(topic, page.nextCursor) }, 'More'));
    if (operator) {
      row.append(h('button', { type: 'button', class: 'primary', id: 'dlq-redrive', onclick: async () => {
        const records = [...list.querySelectorAll('input[type=checkbox]:checked')]
          .map(b => ({ partition: Number(b.dataset.partition), offset: Number(b.dataset.offset) }));
        if (records.length === 0) {
          report.textContent = 'Choose the records to re-drive first.';
          return;
        }
        try {
          const r = await call('dispatch', '/v1/dlq/' + encodeURIComponent(topic) + '/redrive', { method: 'POST', body: { records } });
          report.textContent = 'Re-driven ' + n(r.redriven) + ', skipped ' + n((r.skipped || []).length) + ' (already sent), not found '
            + n((r.notFound || []).length) + ', failed ' + n((r.failed || []).length) + '.';
        } catch (e) {
          report.textContent = errorText(e);
        }
      } }, 'Re-drive selected'));
    }
    list.append(row, report);
  }

  select.addEventListener('change', () => load(select.value).catch(e => clear(list).append(h('p', { class: 'error' }, errorText(e)))));
  if (topics.length) await load(picked || topics[0]);
}
