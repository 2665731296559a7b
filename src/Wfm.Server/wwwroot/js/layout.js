// The header every page shares: product name, navigation (the pages the user may open), language switch,
// the signed-in user and sign-out. Also makes every write the pages send carry the antiforgery token, and
// sends the user to the sign-in page when their sign-in has ended.
import { chooseLanguage } from './i18n.js';

const PAGES = [
  { id: 'board', href: '/board', key: 'nav.board' },
  { id: 'inbox', href: '/inbox', key: 'nav.inbox' },
  { id: 'forecast', href: '/forecast', key: 'nav.forecast' },
  { id: 'planner', href: '/planner', key: 'nav.planner' },
  { id: 'schedule', href: '/schedule', key: 'nav.schedule' },
  { id: 'capacity', href: '/capacity', key: 'nav.capacity' },
  { id: 'intraday', href: '/intraday', key: 'nav.intraday' },
  { id: 'center', href: '/center', key: 'nav.center' },
  { id: 'coaching', href: '/coaching', key: 'nav.coaching' },
  { id: 'me', href: '/me', key: 'nav.me' },
  { id: 'admin', href: '/admin', key: 'nav.admin' },
];

/** The antiforgery request token the server put in a readable cookie when it served the page. */
export function antiforgeryToken() {
  const pair = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return pair ? decodeURIComponent(pair.slice('XSRF-TOKEN='.length)) : '';
}

const plainFetch = window.fetch.bind(window);
window.fetch = async (resource, init = {}) => {
  const method = (init.method || 'GET').toUpperCase();
  if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    const headers = new Headers(init.headers || {});
    headers.set('X-XSRF-TOKEN', antiforgeryToken());
    init = { ...init, headers };
  }
  const response = await plainFetch(resource, init);
  if (response.status === 401) {
    location.href = `/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}`;
  }
  return response;
};

/** Who is signed in: user name, roles, teams, agent id and the pages they may open. */
let mePromise = null;
export function me() {
  mePromise ??= plainFetch('/api/me').then(r => (r.ok ? r.json() : null));
  return mePromise;
}

export function renderLayout(i18n, currentPage) {
  const header = document.getElementById('site-header');
  header.className = 'site';
  header.replaceChildren();

  const brand = document.createElement('span');
  brand.className = 'brand';
  brand.textContent = i18n.t('app.title');
  header.append(brand);

  const nav = document.createElement('nav');
  header.append(nav);

  const spacer = document.createElement('span');
  spacer.className = 'spacer';
  header.append(spacer);

  // One clock: every page shows times in the center's zone, and says which.
  const zone = document.createElement('span');
  zone.id = 'center-zone';
  zone.className = 'zone';
  header.append(zone);
  plainFetch('/api/center').then(r => (r.ok ? r.json() : null)).then(c => {
    if (c) zone.textContent = `${i18n.t('board.timeZone')}: ${c.timeZone}`;
  }).catch(() => {});

  const label = document.createElement('label');
  label.textContent = i18n.t('nav.language');
  const select = document.createElement('select');
  select.id = 'language';
  for (const l of i18n.languages) {
    const option = new Option(l.name, l.code, false, l.code === i18n.language.code);
    select.append(option);
  }
  select.addEventListener('change', () => chooseLanguage(select.value));
  label.append(select);
  header.append(label);

  const user = document.createElement('span');
  user.id = 'signed-in-user';
  user.className = 'user';
  header.append(user);

  me().then(who => {
    if (!who) return;
    for (const page of PAGES.filter(p => who.pages.includes(p.id))) {
      const a = document.createElement('a');
      a.href = page.href;
      a.textContent = i18n.t(page.key);
      if (page.id === currentPage) a.setAttribute('aria-current', 'page');
      nav.append(a);
    }
    const name = document.createElement('span');
    name.textContent = who.userName;
    name.title = who.roles.map(r => i18n.t(`role.${r}`)).join(', ');
    const out = document.createElement('button');
    out.type = 'button';
    out.id = 'sign-out';
    out.textContent = i18n.t('account.signOut');
    out.addEventListener('click', async () => {
      await fetch('/logout', { method: 'POST' });
      location.href = '/login';
    });
    user.replaceChildren(name, out);
  });
}
