// The API helper and what every page shares: the bearer token (kept in sessionStorage, sent as
// Authorization: Bearer, never in a URL), who the caller is, the error banner and the confirmation dialog.
import {h, fill} from './format.js';

export const TOKEN = 'model-registry.token';
export const tokensRequired = document.querySelector('meta[name="tokens-required"]').content === 'true';
export const session = {me: null};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function authHeaders() {
  const token = sessionStorage.getItem(TOKEN);
  return token ? {Authorization: 'Bearer ' + token} : {};
}

/** Calls /api/v1/<path>; answers the parsed JSON, throws ApiError with the server's message otherwise. */
export async function api(path, {method = 'GET', body} = {}) {
  const headers = authHeaders();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch('/api/v1/' + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!r.ok) {
    if (r.status === 401 && tokensRequired) {
      sessionStorage.removeItem(TOKEN);
      window.dispatchEvent(new CustomEvent('model-registry-unauthorized'));
    }
    throw new ApiError(r.status, data?.error?.message ?? `${r.status} ${r.statusText}`);
  }
  return data;
}

/** Whether the caller's token has this role (reader < writer < deployer < admin). */
export function can(role) {
  return !!session.me && session.me.roles.includes(role);
}

export function banner(message, kind = 'error') {
  const b = document.getElementById('banner');
  fill(b, h('span', {}, message), h('button', {class: 'link', onclick: () => { b.hidden = true; }}, 'Dismiss'));
  b.className = kind;
  b.hidden = false;
}

/** Asks the person to confirm; resolves to true on Confirm. */
export function confirmAction(title, text, okLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = okLabel;
  dialog.returnValue = '';
  dialog.showModal();
  document.getElementById('confirm-cancel').focus();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true}));
}

