// The sign-in page: fills in the antiforgery token and where to go afterwards, shows why a sign-in failed.
import { loadLanguage, chooseLanguage } from './i18n.js';

const params = new URLSearchParams(location.search);
const i18n = await loadLanguage();
i18n.apply();
document.title = `${i18n.t('app.title')} · ${i18n.t('account.signIn')}`;

const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
document.getElementById('antiforgery').value = cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
document.getElementById('return-url').value = params.get('returnUrl') || params.get('ReturnUrl') || '/';

const error = params.get('error');
if (error) {
  const box = document.getElementById('sign-in-error');
  box.textContent = i18n.t(`account.error.${error}`);
  box.hidden = false;
}

const select = document.getElementById('language');
for (const l of i18n.languages) select.append(new Option(l.name, l.code, false, l.code === i18n.language.code));
select.addEventListener('change', () => chooseLanguage(select.value));

const options = await (await fetch('/api/auth/options')).json();
if (options.oidc) {
  const button = document.getElementById('oidc');
  button.textContent = options.oidcName;
  button.href = `/login/oidc?returnUrl=${encodeURIComponent(document.getElementById('return-url').value)}`;
  button.hidden = false;
}
