import { call, optional, stream } from '../api.js';
import { can } from '../auth.js';
import { h, n, pct, when, badge, bar, clear, notAvailable, errorText } from '../dom.js';
import { funnel, done } from './figures.js';

const FINISHED = ['COMPLETED', 'CANCELLED'];

/**
 * One campaign: definition, state, progress (ingest's GET /v1/campaigns/{id}, then live from its progress stream),
 * funnel, a time series (analytics' hourly report, or the live readings while the page is open), attribution
 * (analytics), history, and pause / resume / cancel for operators and admins.
 */
export async function renderCampaign(main, [id], signal) {
  const path = '/v1/campaigns/' + encodeURIComponent(id);
  let campaign = await call('ingest', path);
  const head = h('div');
  const actions = h('section', { class: 'panel', id: 'campaign-actions' });
  const progressPanel = h('section', { class: 'panel', id: 'campaign-progress' });
  const funnelPanel = h('section', { class: 'panel', id: 'campaign-funnel' });
  const chartPanel = h('section', { class: 'panel', id: 'campaign-chart' }, h('h2', {}, 'Over time'));
  const attributionPanel = h('section', { class: 'panel', id: 'campaign-attribution' }, h('h2', {}, 'Attribution'));
  const historyPanel = h('section', { class: 'panel', id: 'campaign-history' });
  main.append(head, actions, h('div', { class: 'grid' }, progressPanel, funnelPanel), chartPanel,
    h('div', { class: 'grid' }, attributionPanel, historyPanel));

  const live = { samples: [], plot: null, hourly: false };

  function renderHead() {
    clear(head).append(h('p', {}, h('a', { href: '#/campaigns' }, '← Campaigns')),
      h('h1', {}, campaign.name, ' ', badge(campaign.state)),
      h('dl', { class: 'facts panel' },
        h('dt', {}, 'Id'), h('dd', { 'data-field': 'id' }, campaign.id),
        h('dt', {}, 'Project'), h('dd', {}, campaign.project),
        h('dt', {}, 'Category'), h('dd', {}, campaign.category),
        h('dt', {}, 'Template'), h('dd', {}, campaign.template ? campaign.template.name + ' (' + campaign.template.language + ')' : '—'),
        h('dt', {}, 'Holdout'), h('dd', {}, campaign.holdoutPercent + ' %'),
        h('dt', {}, 'Started'), h('dd', {}, when(campaign.startedAt)),
        h('dt', {}, 'Finished'), h('dd', {}, when(campaign.finishedAt)),
        campaign.pauseReason ? [h('dt', {}, 'Paused because'), h('dd', { 'data-field': 'pauseReason' }, campaign.pauseReason)] : null));
  }

  function renderActions() {
    clear(actions).append(h('h2', {}, 'Actions'));
    if (!can('operator', 'admin')) {
      actions.append(h('p', { class: 'muted' }, 'Pausing, resuming and cancelling need the operator or admin role.'));
      return;
    }
    const reason = h('input', { id: 'action-reason', placeholder: 'reason (optional)', maxlength: 200 });
    const message = h('span', { id: 'action-message', role: 'status' });
    const act = (action) => async () => {
      actions.querySelectorAll('button').forEach(b => { b.disabled = true; });
      try {
        await call('ingest', path + ':' + action, { method: 'POST', body: { reason: reason.value || null } });
        campaign = await call('ingest', path);
        message.textContent = '';
        renderAll();
        follow();
      } catch (e) {
        message.textContent = errorText(e);
        message.className = 'error';
        actions.querySelectorAll('button').forEach(b => { b.disabled = false; });
      }
    };
    const s = campaign.state;
    const buttons = [];
    if (s === 'DRAFT') buttons.push(h('button', { type: 'button', class: 'primary', id: 'action-start', onclick: act('start') }, 'Start'));
    if (s === 'RUNNING' || s === 'SCHEDULED') buttons.push(h('button', { type: 'button', id: 'action-pause', onclick: act('pause') }, 'Pause'));
    if (s === 'PAUSED') buttons.push(h('button', { type: 'button', class: 'primary', id: 'action-resume', onclick: act('resume') }, 'Resume'));
    if (!FINISHED.includes(s)) {
      const confirm = h('button', { type: 'button', class: 'danger', id: 'action-cancel-confirm', hidden: true, onclick: act('cancel') }, 'Yes, cancel it');
      buttons.push(h('button', { type: 'button', id: 'action-cancel', onclick: e => { e.target.hidden = true; confirm.hidden = false; } }, 'Cancel…'), confirm);
    }
    actions.append(buttons.length ? h('div', { class: 'actions' }, reason, buttons, message)
      : h('p', { class: 'muted' }, 'The campaign is ' + s.toLowerCase() + '; nothing more can be done with it.'));
  }

  function renderProgress(p) {
    clear(progressPanel).append(h('h2', {}, 'Progress ', live.streaming ? h('span', { class: 'live', id: 'live' }, 'live') : null));
    if (!p) {
      progressPanel.append(h('p', { class: 'muted' }, 'No progress yet.'));
      return;
    }
    const states = Object.keys(p.counts || {}).sort();
    const reasons = s => Object.entries((p.reasons || {})[s] || {}).map(([k, v]) => k + ' ' + n(v)).join(', ');
    const rows = states.map(s => h('tr', { 'data-state': s }, h('td', {}, s),
      h('td', { class: 'num', 'data-count': s }, n(p.counts[s])),
      h('td', { class: 'wide-only muted' }, reasons(s))));
    const table = h('table', { id: 'campaign-counts' },
      h('thead', {}, h('tr', {}, h('th', {}, 'State'), h('th', { class: 'num' }, 'Recipients'), h('th', { class: 'wide-only' }, 'Reasons'))),
      h('tbody', {}, rows));
    progressPanel.append(bar(p.total ? done(p) / p.total : 0),
      h('p', {}, h('span', { 'data-progress': 'done' }, n(done(p))), ' of ', h('span', { 'data-progress': 'total' }, n(p.total)),
        ' recipients final, ', h('span', { 'data-progress': 'remaining' }, n(p.remaining)), ' remaining · ',
        h('span', { 'data-progress': 'rate' }, (p.currentRatePerSecond || 0).toFixed(1)), ' / s',
        p.estimatedCompletionAt ? ' · done by ' + when(p.estimatedCompletionAt) : ''),
      h('div', { class: 'table-wrap' }, table));
  }

  function renderFunnel(p) {
    const steps = funnel(p);
    const total = steps[0][1] || 0;
    clear(funnelPanel).append(h('h2', {}, 'Funnel'), h('div', { class: 'funnel' }, steps.map(([label, value]) =>
      h('div', { class: 'step', 'data-funnel': label }, h('span', {}, label), bar(total ? value / total : 0),
        h('span', { class: 'n' }, n(value))))));
  }

  function renderHistory() {
    clear(historyPanel).append(h('h2', {}, 'History'));
    const items = campaign.history || [];
    historyPanel.append(items.length === 0 ? h('p', { class: 'muted' }, 'No changes yet.') : h('div', { class: 'table-wrap' },
      h('table', { id: 'campaign-history-table' }, h('thead', {}, h('tr', {}, ['At', 'From', 'To', 'By', 'Reason'].map(t => h('th', {}, t)))),
        h('tbody', {}, items.map(t => h('tr', {}, h('td', {}, when(t.at)), h('td', {}, t.from || '—'), h('td', {}, t.to),
          h('td', {}, t.actor || '—'), h('td', {}, t.reason || '—')))))));
  }

  function renderAll() {
    renderHead();
    renderActions();
    renderProgress(campaign.progress);
    renderFunnel(campaign.progress);
    renderHistory();
  }

  function chart(series, labels) {
    const target = chartPanel.querySelector('.chart') || chartPanel.appendChild(h('div', { class: 'chart', id: 'campaign-chart-plot' }));
    if (!window.uPlot) {
      target.append(notAvailable('the chart library'));
      return null;
    }
    const width = Math.max(280, chartPanel.clientWidth - 32);
    const colours = ['#1f6feb', '#1a7f37', '#5a4fcf', '#c62828'];
    const opts = { width, height: 220, series: [{}].concat(labels.map((l, i) => ({ label: l, stroke: colours[i % colours.length], width: 2 }))),
      axes: [{}, { size: 60 }] };
    if (live.plot) live.plot.destroy();
    clear(target);
    live.plot = new window.uPlot(opts, series, target);
    return live.plot;
  }

  function sample(p) {
    const steps = funnel(p);
    live.samples.push([Date.now() / 1000, steps[1][1], steps[2][1], steps[3][1]]);
    if (live.hourly) return;
    const cols = [0, 1, 2, 3].map(i => live.samples.map(s => s[i]));
    if (live.samples.length >= 2) chart(cols, ['sent', 'delivered', 'read']);
  }

  let following = false;
  function follow() {
    if (following || FINISHED.includes(campaign.state) || campaign.state === 'DRAFT') return;
    following = true;
    live.streaming = true;
    renderProgress(campaign.progress);
    stream('ingest', path + '/progress', p => {
      campaign.progress = p;
      renderProgress(p);
      renderFunnel(p);
      sample(p);
    }, signal).catch(e => {
      if (!signal.aborted) progressPanel.append(h('p', { class: 'error' }, 'live progress stopped: ' + errorText(e)));
    }).finally(async () => {
      following = false;
      live.streaming = false;
      if (signal.aborted) return;
      campaign = await call('ingest', path);
      renderAll();
    });
  }

  renderAll();
  if (campaign.progress) sample(campaign.progress);

  const [report, attribution] = await Promise.all([
    optional('analytics', '/v1/reports/campaigns/' + encodeURIComponent(id)).catch(() => null),
    optional('analytics', path.replace('/v1/campaigns', '/v1/reports/campaigns') + '/attribution').catch(() => null),
  ]);
  if (report && Array.isArray(report.hourly) && report.hourly.length > 0) {
    live.hourly = true;
    const rows = report.hourly;
    chart([rows.map(r => Date.parse(r.hour) / 1000), rows.map(r => r.sent), rows.map(r => r.delivered), rows.map(r => r.read),
      rows.map(r => r.failed)], ['sent', 'delivered', 'read', 'failed']);
    chartPanel.append(h('p', { class: 'muted' }, 'Messages per hour (analytics campaign report).'));
  } else {
    chartPanel.append(notAvailable('hourly series (campaign report)'),
      h('p', { class: 'muted' }, 'While this page is open and the campaign runs, the chart follows its live progress.'));
  }
  if (attribution) {
    const u = attribution.uplift;
    attributionPanel.append(h('dl', { class: 'facts' },
      h('dt', {}, 'Replied'), h('dd', { 'data-attribution': 'replied' }, n(attribution.replied) + ' (' + pct(attribution.replyRate) + ')'),
      h('dt', {}, 'Opt-outs'), h('dd', { 'data-attribution': 'optOuts' }, n(attribution.optOuts)),
      h('dt', {}, 'Conversions'), h('dd', { 'data-attribution': 'conversions' }, n(attribution.conversions)),
      h('dt', {}, 'Conversion value'), h('dd', {}, n(attribution.conversionValue)),
      h('dt', {}, 'Uplift vs holdout'), h('dd', {}, u ? pct(u.difference) + ' (95 % CI ' + pct(u.ci95Low) + ' … ' + pct(u.ci95High) + ')' : '—')));
  } else {
    attributionPanel.append(notAvailable('attribution'));
  }
  follow();
}
