// The header every page shares: product name, navigation, language switch and the signed-in user's slot.
import { chooseLanguage } from './i18n.js';

const PAGES = [
  { id: 'board', href: '/board', key: 'nav.board' },
  { id: 'forecast', href: '/forecast', key: 'nav.forecast' },
  { id: 'planner', href: '/planner', key: 'nav.planner' },
  { id: 'schedule', href: '/schedule', key: 'nav.schedule' },
  { id: 'coaching', href: '/coaching', key: 'nav.coaching' },
];

export function renderLayout(i18n, currentPage) {
  const header = document.getElementById('site-header');
  header.className = 'site';
  header.replaceChildren();

  const brand = document.createElement('span');
  brand.className = 'brand';
  brand.textContent = i18n.t('app.title');
  header.append(brand);

  const nav = document.createElement('nav');
  for (const page of PAGES) {
    const a = document.createElement('a');
    a.href = page.href;
    a.textContent = i18n.t(page.key);
    if (page.id === currentPage) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  header.append(nav);

  const spacer = document.createElement('span');
  spacer.className = 'spacer';
  header.append(spacer);

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
}
