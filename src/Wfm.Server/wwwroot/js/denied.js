// The page shown when a signed-in user opens a page their roles do not include.
import { loadLanguage } from './i18n.js';
import { renderLayout } from './layout.js';

const i18n = await loadLanguage();
renderLayout(i18n, 'denied');
i18n.apply();
