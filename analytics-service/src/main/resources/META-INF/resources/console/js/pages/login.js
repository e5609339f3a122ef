import { h, errorText } from '../dom.js';
import { acceptPasted, startIssuerLogin } from '../auth.js';

/** The issuer's sign-in (authorization code + PKCE) when configured; a pasted token where allowed (locally). */
export function renderLogin(main, settings, done) {
  const login = (settings && settings.login) || {};
  const panel = h('section', { class: 'panel login' }, h('h1', {}, 'Log in'));
  const message = h('p', { class: 'error', id: 'login-error', role: 'alert' });
  if (login.issuer && login.clientId) {
    panel.append(h('p', {}, 'Sign in with ', h('code', {}, login.issuer), '.'),
      h('p', {}, h('button', { type: 'button', class: 'primary', id: 'login-issuer',
        onclick: () => startIssuerLogin(login).catch(e => { message.textContent = errorText(e); }) }, 'Sign in')));
  }
  if (login.pasteToken) {
    const field = h('textarea', { id: 'token', name: 'token', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'eyJhbGciOi…' });
    panel.append(h('form', { id: 'login-form', onsubmit: e => {
      e.preventDefault();
      const why = acceptPasted(field.value);
      if (why) {
        message.textContent = why;
      } else {
        field.value = '';
        done();
      }
    } },
    h('p', {}, 'Paste a bearer token of the configured issuer. On the local platform: ', h('code', {}, './safesend token operator'), '.'),
    h('label', { for: 'token' }, 'Token'), field,
    h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, 'Log in')),
    h('p', { class: 'muted' }, 'The token stays in this tab only (session storage) and is sent to the safesend APIs alone.')));
  }
  if (!(login.issuer && login.clientId) && !login.pasteToken) {
    panel.append(h('p', { class: 'error' }, 'No way to log in is configured (safesend.console.login.*).'));
  }
  panel.append(message);
  main.append(panel);
}
