// The dashboard's shell: signing in with a token, the header, and the hash router. Pages live in pages.js and
// live.js, the API helper in api.js.
import {h, fill} from './format.js';
import * as pages from './pages.js';
import {deploymentsPage, environmentPage} from './live.js';
import {TOKEN, tokensRequired, session, api, ApiError, banner} from './api.js';

const main = document.getElementById('main');
let cleanup = null;

function askForToken(problem) {
  stopPage();
  fill(document.getElementById('who'));
  const input = h('input', {id: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false',
    'aria-describedby': 'token-help'});
  fill(main, h('section', {class: 'card narrow'},
    h('h1', {}, 'Sign in'),
    problem ? h('p', {class: 'error-text', role: 'alert'}, problem) : null,
    h('form', {id: 'token-form', onsubmit: e => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN, input.value.trim());
      start();
    }},
      h('label', {for: 'token'}, 'Bearer token'), input,
      h('p', {id: 'token-help', class: 'muted'}, 'This server requires a token. Create one with ',
        h('code', {}, 'model-registry token create --tokens FILE --principal NAME --role reader'),
        '. It stays in this tab only (sessionStorage) and is sent as an Authorization header.'),
      h('button', {type: 'submit'}, 'Sign in'))));
  input.focus();
}

function showWho() {
  const who = document.getElementById('who');
  const me = session.me;
  fill(who, h('span', {class: 'muted'}, `${me.principal} · ${me.role}`),
    tokensRequired ? h('button', {class: 'link', id: 'sign-out', onclick: () => {
      sessionStorage.removeItem(TOKEN);
      session.me = null;
      askForToken();
    }}, 'Sign out') : null);
}

const routes = [
  [/^#?\/?(models)?$/, () => pages.modelsPage(main), 'models'],
  [/^#\/models\/([^/]+)$/, m => pages.modelPage(main, m[1]), 'models'],
  [/^#\/models\/([^/]+)\/versions\/(\d+)$/, m => pages.versionPage(main, m[1], Number(m[2])), 'models'],
  [/^#\/models\/([^/]+)\/compare\/(\d+)\/(\d+)$/, m => pages.comparePage(main, m[1], Number(m[2]), Number(m[3])), 'models'],
  [/^#\/deployments$/, () => deploymentsPage(main), 'deployments'],
  [/^#\/deployments\/([^/]+)$/, m => environmentPage(main, m[1]), 'deployments'],
  [/^#\/alerts$/, () => pages.alertsPage(main), 'alerts'],
  [/^#\/health$/, () => pages.healthPage(main), 'health'],
];

function stopPage() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
}

async function render() {
  stopPage();
  if (!session.me) return;
  const hash = location.hash || '#/models';
  const route = routes.find(([re]) => re.test(hash));
  document.querySelectorAll('[data-nav]').forEach(a => {
    if (route && a.dataset.nav === route[2]) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  document.getElementById('banner').hidden = true;
  if (!route) {
    fill(main, h('h1', {}, 'Not found'), h('p', {}, 'No page here. ', h('a', {href: '#/models'}, 'Go to the models')));
    return;
  }
  fill(main, h('p', {class: 'muted'}, 'Loading…'));
  try {
    const m = hash.match(route[0]).map(x => x === undefined ? x : decodeURIComponent(x));
    const stop = await route[1](m);
    if (typeof stop === 'function') cleanup = stop;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    fill(main, h('h1', {}, 'Something went wrong'), h('p', {class: 'error-text'}, e.message),
      h('p', {}, h('a', {href: '#/models'}, 'Back to the models')));
  }
  main.focus({preventScroll: true});
}

async function start() {
  if (tokensRequired && !sessionStorage.getItem(TOKEN)) {
    askForToken();
    return;
  }
  try {
    session.me = await api('whoami');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) banner(e.message);
    return;
  }
  showWho();
  render();
}

window.addEventListener('hashchange', render);
window.addEventListener('model-registry-unauthorized', () => {
  session.me = null;
  askForToken('The server did not accept the token (unknown or revoked). Paste another one.');
});
start();
