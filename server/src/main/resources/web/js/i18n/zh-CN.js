// i18n/zh-CN.js — 简体中文 (Simplified Chinese), written as a Chinese chat app words it rather than word for word: a room is a 频道, a direct message a 私信, a mention an @提及, a moderator a 管理员. Same keys as en.js; Chinese has one plural form, 'other'.

import page from './zh-CN/page.js';
import core from './zh-CN/core.js';
import chat from './zh-CN/chat.js';
import dialogs from './zh-CN/dialogs.js';
import views from './zh-CN/views.js';

export default { ...core, ...chat, ...dialogs, ...views, ...page };
