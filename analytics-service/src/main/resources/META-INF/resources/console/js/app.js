// The console: a hash router over the pages; each page reads the services' APIs and renders what they answer.
import { loadSettings, config, onUnauthorized } from './api.js';
import { loggedIn, logout, claims, roles, completeIssuerLogin } from './auth.js';
import { h, clear, errorText } from './dom.js';
import { renderLogin } from './pages/login.js';
import { renderOverview } from './pages/overview.js';
import { renderCampaigns } from './pages/campaigns.js';
import { renderCampaign } from './pages/campaign.js';
import { renderSenders } from './pages/senders.js';
import { renderContacts } from './pages/contacts.js';
import { renderDlq } from './pages/dlq.js';

// what the page's Content-Security-Policy refused (a request to another origin would be one); the browser test reads it
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));

const main = document.getElementById('app');
let current = null; // AbortController of the page on screen: ends its live stream when the page changes
let firstRender = true;

const routes = [
  [/^#\/overview$/, 'overview', renderOverview],
  [/^#\/campaigns$/, 'campaigns', renderCampaigns],
  [/^#\/campaigns\/([^/]+)$/, 'campaigns', renderCampaign],
  [/^#\/senders$/, 'senders', renderSenders],
  [/^#\/contacts(?:\/(.+))?$/, 'contacts', renderContacts],
  [/^#\/dlq$/, 'dlq', renderDlq],
];

function chrome(authenticated) {
  document.getElementById('nav').hidden = !authenticated;
  document.getElementById('who').hidden = !authenticated;
  if (authenticated) {
    const c = claims();
    document.getElementById('who-name').textContent = (c.upn || c.preferred_username || c.sub || '?') + ' · ' + roles().join(', ');
  }
}

function markRendered(page) {
  main.dataset.page = page;
  main.dataset.ready = 'true';
  if (firstRender) {
    firstRender = false;
    performance.mark('console-rendered');
  }
}

async function route() {
  if (current) current.abort();
  current = new AbortController();
  const signal = current.signal;
  main.dataset.ready = 'false';
  if (!loggedIn()) {
    chrome(false);
    clear(main);
    renderLogin(main, config(), () => { location.hash = '#/overview'; route(); });
    markRendered('login');
    return;
  }
  chrome(true);
  const hash = location.hash && location.hash !== '#/' ? location.hash : '#/overview';
  const match = routes.map(([re, nav, page]) => [hash.match(re), nav, page]).find(([m]) => m);
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', !!match && a.dataset.nav === match[1]));
  clear(main);
  if (!match) {
    main.append(h('p', {}, 'No such page. ', h('a', { href: '#/overview' }, 'Overview')));
    markRendered('none');
    return;
  }
  const [m, nav, page] = match;
  try {
    await page(main, m.slice(1).map(p => p && decodeURIComponent(p)), signal);
  } catch (e) {
    if (signal.aborted) return;
    main.append(h('p', { class: 'error', 'data-error': 'true' }, errorText(e)));
  }
  if (!signal.aborted) markRendered(nav);
}

async function start() {
  try {
    await loadSettings();
    await completeIssuerLogin(config().login);
  } catch (e) {
    clear(main).append(h('p', { class: 'error' }, errorText(e)));
  }
  document.getElementById('logout').addEventListener('click', () => { logout(); location.hash = '#/login'; route(); });
  onUnauthorized(() => { logout(); route(); });
  window.addEventListener('hashchange', route);
  route();
}

start();
