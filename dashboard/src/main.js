// The dashboard: a shell (header, municipality, language, navigation) around
// one view per route. Routes are real paths (/m/<id>/measures) that the
// server answers with index.html, so every page can be bookmarked and linked.
import './style.css';
import { api, ApiError, currentSession, signOut } from './api.js';
import { clear, h, link } from './dom.js';
import { currentLanguage, languages, setLanguage, t } from './i18n.js';
import { signinView } from './views/signin.js';
import { progressView, inventoryView, downloadsView, publicView } from './views/progress.js';
import { measuresView, measureView } from './views/measures.js';
import { sitesView, siteView } from './views/sites.js';
import { reviewView } from './views/review.js';
import { compareView, catalogueView } from './views/partner.js';
import { devicesView } from './views/devices.js';
import { photosView } from './views/photos.js';

const state = { session: null, municipalities: [] };
const root = document.getElementById('app');

const routes = [
  { re: /^\/signin$/, view: signinView, bare: true },
  { re: /^\/public\/([0-9a-f-]{36})$/, view: publicView, bare: true, keys: ['id'] },
  { re: /^\/m\/([0-9a-f-]{36})$/, view: progressView, nav: 'progress', keys: ['id'] },
  { re: /^\/m\/([0-9a-f-]{36})\/inventory$/, view: inventoryView, nav: 'inventory', keys: ['id'] },
  { re: /^\/m\/([0-9a-f-]{36})\/measures$/, view: measuresView, nav: 'measures', keys: ['id'] },
  { re: /^\/m\/([0-9a-f-]{36})\/measures\/([0-9a-f-]{36})$/, view: measureView, nav: 'measures', keys: ['id', 'measure'] },
  { re: /^\/m\/([0-9a-f-]{36})\/sites$/, view: sitesView, nav: 'sites', keys: ['id'] },
  { re: /^\/m\/([0-9a-f-]{36})\/sites\/([0-9a-f-]{36})$/, view: siteView, nav: 'sites', keys: ['id', 'site'] },
  { re: /^\/m\/([0-9a-f-]{36})\/review$/, view: reviewView, nav: 'review', keys: ['id'] },
  { re: /^\/m\/([0-9a-f-]{36})\/downloads$/, view: downloadsView, nav: 'downloads', keys: ['id'] },
  { re: /^\/m\/([0-9a-f-]{36})\/devices$/, view: devicesView, nav: 'devices', keys: ['id'] },
  { re: /^\/m\/([0-9a-f-]{36})\/photos$/, view: photosView, nav: 'photos', keys: ['id'] },
  { re: /^\/compare$/, view: compareView, nav: 'compare' },
  { re: /^\/catalogue$/, view: catalogueView, nav: 'catalogue' },
];

export function navigate(path, replace = false) {
  if (replace) history.replaceState({}, '', path);
  else history.pushState({}, '', path);
  window.scrollTo(0, 0);
  render();
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-nav]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', () => render());

function home() {
  if (!state.session) return '/signin';
  const own = state.municipalities.find((m) => m.municipality_id === state.session.municipality_id && m.full_access);
  if (own) return '/m/' + own.municipality_id;
  return '/compare';
}

export function errorBox(e) {
  let msg;
  if (e instanceof ApiError) {
    if (e.status === 0) msg = t('error.offline');
    else if (e.status === 403 && e.code === 'csrf') msg = t('error.csrf');
    else if (e.status === 403) msg = t('error.forbidden');
    else if (e.status === 404) msg = t('error.notFound');
    else msg = t('error.generic', { msg: e.message });
  } else msg = t('error.generic', { msg: String(e.message || e) });
  return h('div', { class: 'alert alert-error', role: 'alert' }, msg);
}

function languagePicker() {
  return h(
    'label',
    { class: 'lang' },
    h('span', { class: 'sr-only' }, t('lang')),
    h(
      'select',
      {
        'aria-label': t('lang'),
        onchange: (e) => {
          setLanguage(e.target.value);
          render();
        },
      },
      languages.map((l) => h('option', { value: l.code, selected: l.code === currentLanguage() }, l.name)),
    ),
  );
}

function navFor(municipalityId, active) {
  const m = state.municipalities.find((x) => x.municipality_id === municipalityId);
  const full = m && m.full_access;
  const reviewer = m && (m.role === 'coordinator' || m.role === 'admin');
  const items = [];
  if (m) {
    items.push(['progress', '/m/' + municipalityId]);
    items.push(['inventory', '/m/' + municipalityId + '/inventory']);
    items.push(['measures', '/m/' + municipalityId + '/measures']);
    if (full) items.push(['sites', '/m/' + municipalityId + '/sites']);
    if (reviewer) items.push(['review', '/m/' + municipalityId + '/review']);
    if (reviewer) items.push(['devices', '/m/' + municipalityId + '/devices']);
    if (reviewer) items.push(['photos', '/m/' + municipalityId + '/photos']);
    if (full) items.push(['downloads', '/m/' + municipalityId + '/downloads']);
  }
  items.push(['compare', '/compare']);
  items.push(['catalogue', '/catalogue']);
  return h(
    'nav',
    { class: 'sidenav', 'aria-label': 'Main' },
    h(
      'ul',
      {},
      items.map(([key, href]) =>
        h('li', {}, h('a', { href, 'data-nav': '', 'aria-current': key === active ? 'page' : null }, t('nav.' + key))),
      ),
      m && m.share_progress
        ? h('li', { class: 'nav-extra' }, h('a', { href: '/public/' + municipalityId, target: '_blank', rel: 'noopener' }, t('nav.public') + ' ↗'))
        : null,
    ),
  );
}

function header(municipalityId) {
  const s = state.session;
  const selectable = state.municipalities;
  return h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: home(), 'data-nav': '' }, h('img', { src: '/favicon.svg', alt: '', width: 28, height: 28 }), h('span', {}, t('app.name'))),
    selectable.length > 0
      ? h(
          'label',
          { class: 'muni-picker' },
          h('span', { class: 'sr-only' }, t('municipality')),
          h(
            'select',
            {
              'aria-label': t('municipality'),
              onchange: (e) => navigate('/m/' + e.target.value),
            },
            !municipalityId ? h('option', { value: '', selected: true, disabled: true }, t('municipality')) : null,
            selectable.map((m) =>
              h('option', { value: m.municipality_id, selected: m.municipality_id === municipalityId }, m.name + (m.country ? ' (' + m.country + ')' : '')),
            ),
          ),
        )
      : null,
    h('div', { class: 'spacer' }),
    languagePicker(),
    s
      ? h(
          'div',
          { class: 'user' },
          h('span', { class: 'user-name' }, s.login),
          h('span', { class: 'user-role' }, t('role.' + s.role)),
          h(
            'button',
            {
              class: 'btn btn-ghost',
              type: 'button',
              onclick: async () => {
                try {
                  await signOut();
                } finally {
                  state.session = null;
                  navigate('/signin');
                }
              },
            },
            t('signout'),
          ),
        )
      : null,
  );
}

async function loadSession() {
  state.session = await currentSession();
  state.municipalities = (await api.get("/api/v1/municipalities")).municipalities || [];
}

export async function afterSignIn(session) {
  state.session = session;
  state.municipalities = (await api.get('/api/v1/municipalities')).municipalities || [];
  navigate(home(), true);
}

let renderSeq = 0;
export async function render() {
  const seq = ++renderSeq;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') {
    navigate(home(), true);
    return;
  }
  const route = routes.find((r) => r.re.test(path));
  const params = {};
  if (route && route.keys) {
    const m = path.match(route.re);
    route.keys.forEach((k, i) => (params[k] = m[i + 1]));
  }
  if (route && !route.bare && !state.session) {
    navigate('/signin', true);
    return;
  }
  document.title = t('app.name');
  clear(root);
  if (!route) {
    root.append(h('main', { id: 'main', class: 'page' }, errorBox(new ApiError(404, 'not_found', ''))));
    return;
  }
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' }, h('p', { class: 'loading' }, t('loading')));
  if (route.bare) {
    main.className = 'bare';
    root.append(main);
  } else {
    root.append(header(params.id), h('div', { class: 'layout' }, navFor(params.id, route.nav), main));
  }
  try {
    const view = await route.view(params, { state, navigate, afterSignIn });
    if (seq !== renderSeq) return;
    clear(main).append(view);
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof ApiError && e.status === 401 && !route.bare) {
      state.session = null;
      navigate('/signin', true);
      return;
    }
    clear(main).append(errorBox(e));
  }
}

(async () => {
  try {
    await loadSession();
  } catch (e) {
    state.session = null;
  }
  render();
})();

export { link };
