// The services' REST APIs, called from the browser with the bearer token (each service allows this origin by CORS).
import { token } from './auth.js';

/** An endpoint that is not there (404): the panel says "not available" instead of failing the page. */
export class NotAvailable extends Error {
  constructor(url) {
    super('not available: ' + url);
    this.notAvailable = true;
  }
}

export class ApiError extends Error {
  constructor(status, problem, url) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status + ' from ' + url));
    this.status = status;
    this.problem = problem;
  }
}

let settings = null;
const unauthorized = new Set();

export async function loadSettings() {
  const res = await fetch('/console/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error('the console configuration did not load (' + res.status + ')');
  settings = await res.json();
  return settings;
}

export function config() {
  return settings;
}

/** Called when an API answers 401 (expired or refused token): the app sends the operator to the login page. */
export function onUnauthorized(fn) {
  unauthorized.add(fn);
}

export function url(service, path) {
  const base = (settings && settings.services[service]) || '';
  return base + path;
}

async function problem(res) {
  try {
    return await res.json();
  } catch (e) {
    return null;
  }
}

/**
 * One call. {@code optional}: a 404 becomes NotAvailable (the analytics reports that may not be deployed yet);
 * otherwise a 404 is an ApiError like any other problem.
 */
export async function call(service, path, { method = 'GET', body, optional = false } = {}) {
  const target = url(service, path);
  const headers = { Accept: 'application/json', Authorization: 'Bearer ' + token() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    unauthorized.forEach(fn => fn());
    throw new ApiError(401, await problem(res), target);
  }
  if (res.status === 404 && optional) throw new NotAvailable(target);
  if (!res.ok) throw new ApiError(res.status, await problem(res), target);
  return res.status === 204 ? null : res.json();
}

/** Same, answering null when the endpoint is not available. */
export async function optional(service, path) {
  try {
    return await call(service, path, { optional: true });
  } catch (e) {
    if (e.notAvailable) return null;
    throw e;
  }
}

/**
 * Server-sent events with the bearer token: EventSource cannot send an Authorization header, so the stream is read
 * with fetch and parsed here (data lines, blank line ends an event). Calls onEvent with each event's JSON; resolves
 * when the server ends the stream; stops when signal aborts.
 */
export async function stream(service, path, onEvent, signal) {
  const target = url(service, path);
  const res = await fetch(target, { headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + token() }, signal });
  if (!res.ok) throw new ApiError(res.status, null, target);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).replace(/^ /, '')).join('\n');
      if (data) onEvent(JSON.parse(data));
    }
  }
}
