import { call } from '../api.js';
import { isAdmin } from '../auth.js';
import { h, when, badge, maskPhone, errorText, clear } from '../dom.js';

/**
 * A contact and its consent history (consent-service). The phone and every other address show masked unless the
 * role is admin; what the operator typed is not echoed back into the page.
 */
export async function renderContacts(main, [phone]) {
  main.append(h('h1', {}, 'Contact lookup'));
  const field = h('input', { id: 'contact-phone', type: 'search', placeholder: '+263771234567 or a BSUID', autocomplete: 'off' });
  main.append(h('form', { class: 'panel row', id: 'contact-form', onsubmit: e => {
    e.preventDefault();
    if (field.value.trim()) location.hash = '#/contacts/' + encodeURIComponent(field.value.trim());
  } }, field, h('button', { type: 'submit', class: 'primary', id: 'contact-search' }, 'Look up')));
  if (!phone) return;
  const result = h('div', { id: 'contact-result' });
  main.append(result);
  const admin = isAdmin();
  const key = '/v1/contacts/' + encodeURIComponent(phone);
  let contact;
  let history;
  try {
    [contact, history] = await Promise.all([call('consent', key), call('consent', key + '/consent')]);
  } catch (e) {
    clear(result).append(h('p', { class: e.status === 404 ? 'muted' : 'error', 'data-error': 'true' },
      e.status === 404 ? 'No such contact.' : errorText(e)));
    return;
  }
  const consentRows = [];
  for (const [project, byCategory] of Object.entries(history.current || contact.consent || {})) {
    for (const [category, state] of Object.entries(byCategory || {})) {
      consentRows.push(h('tr', {}, h('td', {}, project), h('td', {}, category), h('td', {}, badge(state))));
    }
  }
  result.append(
    h('section', { class: 'panel' }, h('h2', {}, 'Contact'), h('dl', { class: 'facts' },
      h('dt', {}, 'Phone'), h('dd', { 'data-field': 'phone' }, maskPhone(contact.e164 || contact.phone, admin)),
      contact.userId ? [h('dt', {}, 'BSUID'), h('dd', {}, maskPhone(contact.userId, admin))] : null,
      h('dt', {}, 'Name'), h('dd', {}, contact.name || '—'),
      h('dt', {}, 'Language · region'), h('dd', {}, (contact.language || '—') + ' · ' + (contact.region || '—')),
      h('dt', {}, 'Project'), h('dd', {}, contact.project || '—'),
      h('dt', {}, 'Tags'), h('dd', {}, (contact.tags || []).join(', ') || '—'),
      h('dt', {}, 'Last contacted'), h('dd', {}, when(contact.lastContactedAt)),
      h('dt', {}, 'Last inbound'), h('dd', {}, when(contact.lastInboundAt))),
      admin ? null : h('p', { class: 'muted' }, 'Phone numbers are masked; admins see them whole.')),
    h('section', { class: 'panel' }, h('h2', {}, 'Consent now'), consentRows.length === 0 ? h('p', { class: 'muted' }, 'None recorded.')
      : h('div', { class: 'table-wrap' }, h('table', { id: 'consent-current' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Project'), h('th', {}, 'Category'), h('th', {}, 'State'))), h('tbody', {}, consentRows)))),
    h('section', { class: 'panel' }, h('h2', {}, 'Consent history'), h('div', { class: 'table-wrap' }, h('table', { id: 'consent-history' },
      h('thead', {}, h('tr', {}, ['Recorded', 'Project', 'Category', 'State', 'Source', 'Evidence', 'By'].map(t => h('th', {}, t)))),
      h('tbody', {}, (history.history || []).map(e => h('tr', {}, h('td', {}, when(e.recordedAt)), h('td', {}, e.project),
        h('td', {}, e.category), h('td', {}, badge(e.state)), h('td', {}, e.source || '—'),
        h('td', {}, (e.proof || '—') + (e.evidenceAt ? ' (' + when(e.evidenceAt) + ')' : '')), h('td', {}, e.actor || '—'))))))));
}
