// i18n/en.js — English, the catalogue every other one mirrors (same keys, same {placeholders}, the plural forms its language uses: server/src/test/js/i18n.test.js). A value {one, other} is a plural picked by Intl.PluralRules from params.count. Kept in parts (en/*.js) to keep each file short. Loaded with the app; every other language is fetched only when used (js/i18n.js).

import page from './en/page.js';
import core from './en/core.js';
import chat from './en/chat.js';
import dialogs from './en/dialogs.js';
import views from './en/views.js';

export default { ...core, ...chat, ...dialogs, ...views, ...page };
