// Login. The bearer token lives in sessionStorage only (this tab, gone when it closes), never in localStorage or a
// cookie. With an issuer and a client id configured, the console signs in with the authorization code flow + PKCE;
// on the local platform (whose dev issuer has no browser flow) it takes a pasted dev token: ./safesend token operator.

const TOKEN = 'safesend.console.token';
const PKCE = 'safesend.console.pkce';

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function logout() {
  sessionStorage.removeItem(TOKEN);
}

function b64urlDecode(part) {
  const s = part.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(s + '='.repeat((4 - (s.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, c => c.charCodeAt(0)));
}

function b64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The token's claims, for display and to hide what the role may not do; the APIs check the token themselves. */
export function claims(raw = token()) {
  if (!raw) return null;
  try {
    const parts = raw.trim().split('.');
    if (parts.length !== 3) return null;
    return JSON.parse(b64urlDecode(parts[1]));
  } catch (e) {
    return null;
  }
}

export function roles() {
  const c = claims();
  const g = c && (c.groups || (c.realm_access && c.realm_access.roles) || []);
  return Array.isArray(g) ? g : [];
}

export function can(...wanted) {
  const mine = roles();
  return wanted.some(r => mine.includes(r));
}

export function isAdmin() {
  return can('admin');
}

/** A usable token: present, a JWT, not expired. */
export function loggedIn() {
  const c = claims();
  return !!c && (!c.exp || c.exp * 1000 > Date.now());
}

/** Keeps a pasted token if it is a JWT that has not expired; answers why not otherwise. */
export function acceptPasted(raw) {
  const t = (raw || '').trim().replace(/^Bearer\s+/i, '');
  const c = claims(t);
  if (!c) return 'that is not a JWT (three base64url parts separated by dots)';
  if (c.exp && c.exp * 1000 <= Date.now()) return 'that token has expired';
  sessionStorage.setItem(TOKEN, t);
  return null;
}

async function discover(issuer) {
  const res = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!res.ok) throw new Error('the issuer ' + issuer + ' answered ' + res.status);
  return res.json();
}

function redirectUri() {
  return location.origin + '/console/';
}

/** Authorization code + PKCE (S256): off to the issuer; it sends the browser back to /console/?code=…&state=… */
export async function startIssuerLogin(login) {
  const meta = await discover(login.issuer);
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, tokenEndpoint: meta.token_endpoint }));
  const q = new URLSearchParams({ response_type: 'code', client_id: login.clientId, redirect_uri: redirectUri(),
    scope: login.scopes || 'openid', code_challenge: challenge, code_challenge_method: 'S256', state });
  location.assign(meta.authorization_endpoint + '?' + q);
}

/** Back from the issuer: trades the code for the access token. Answers true when this was such a return. */
export async function completeIssuerLogin(login) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const saved = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', '/console/' + (location.hash || '#/overview'));
  if (params.has('error')) throw new Error('the issuer refused the login: ' + params.get('error'));
  if (!saved || saved.state !== params.get('state')) throw new Error('the login answer does not match this tab (state); try again');
  const res = await fetch(saved.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: login.clientId, code_verifier: saved.verifier }) });
  if (!res.ok) throw new Error('the issuer did not give a token (' + res.status + ')');
  const body = await res.json();
  sessionStorage.setItem(TOKEN, body.access_token);
  return true;
}
