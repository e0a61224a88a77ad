// main.js — Starts the client: restores the session or shows the login, then wires the connection, the model and the views together.

import { $ } from './dom.js';
import { storage } from './storage.js';
import { initTheme, applyTheme } from './theme.js';
import { Connection } from './connection.js';
import { Outbox } from './outbox.js';
import { State, TOPIC } from './state.js';
import { Sync } from './sync.js';
import { Actions } from './actions.js';
import { trackActivity } from './activity.js';
import { LoginView } from './login.js';
import { ShellView } from './view/shell.js';
import { RoomsView, errorText } from './view/rooms.js';
import { BrowseView } from './view/browse.js';
import { Directory } from './directory.js';
import { MessagesView } from './view/messages.js';
import { UsersView } from './view/users.js';
import { TypingView } from './view/typing.js';
import { ComposerView } from './view/composer.js';
import { AttachmentsView } from './view/attachments.js';
import { openImageAccess, closeImageAccess } from './uploads.js';
import { SettingsView } from './view/settings.js';
import { RetentionDialog } from './view/retention-dialog.js';
import { UserCard } from './view/usercard.js';
import { Notifier } from './notify.js';
import { peopleProvider } from './mentions.js';
import { commandProvider } from './commands.js';
import { emojiSuggestions } from './emoji/shortcodes.js';
import { MessageActions } from './view/message-actions.js';
import { toast } from './view/toast.js';
import { DeviceHistory } from './device-history.js';
import { deviceCache } from './device-cache.js';
import { keepShellOffline, forgetShell } from './offline-shell.js';
import { ArchivesView } from './view/archives.js';
import { OfflineBanner } from './view/offline-banner.js';
import { SearchView } from './view/search.js';
import { RoomSwitcher } from './view/room-switcher.js';
import { ShortcutsHelp } from './view/shortcuts-help.js';
import { ProfileDialog } from './view/profile-dialog.js';
import { Sessions, codeFromHash } from './sessions.js';
import { SessionsPanel } from './view/sessions-panel.js';
import { CodeLoginView } from './view/code-login.js';
import { PasskeysPanel } from './view/passkeys-panel.js';
import { PasskeyLoginView } from './view/passkey-login.js';
import { PasswordPanel } from './view/password-panel.js';
import { InviteLogin, inviteFromHash, joinFromHash } from './invite.js';
import { InviteDialog } from './view/invite-dialog.js';
import { SsoLoginView, ssoErrorFromHash, ssoErrorMessage, ssoLinkedFromHash, SSO_LINKED } from './view/sso-login.js';
import { SsoLinkPanel } from './view/sso-link-panel.js';
import { AdminPanel } from './view/admin-panel.js';
import { initFeatures } from './features.js';
import { t } from './i18n.js';

initTheme();
const state = new State({ visible: () => document.visibilityState === 'visible' });
const outbox = new Outbox();
/** What the next hello says: {nick, avatar} from the login form, or the stored token. */
let hello = {};
/** A login form submission is waiting for its welcome or error. */
let loginPending = false;
/** A stored session whose nickname was refused: the login form picks a new one for the same user. */
let resumeToken = null;

const conn = new Connection(() => hello);
const sync = new Sync(conn, state, outbox);
const actions = new Actions(conn, state, outbox, sync);
trackActivity(conn);

const login = new LoginView({
  onShow: () => { sso.load(); invites.load(); },
  onSubmit: ({ nick, avatar, password }) => {
    hello = resumeToken && !password ? { token: resumeToken, nick, avatar } : { nick, avatar, password, invite: invites.code() };
    if (password) resumeToken = null; // the password signs in as the name's owner
    loginPending = true;
    conn.start({ autoReconnect: false });
  },
});

const sessions = new Sessions(conn);
const codeLogin = new CodeLoginView({ onCode: signInWithCode });
// A passkey sign-in gave a new token: hello with it, as a stored session would.
new PasskeyLoginView({
  onToken: (token) => {
    hello = { token };
    resumeToken = null;
    loginPending = true;
    conn.start({ autoReconnect: false });
  },
  onError: (error) => login.fail(error),
});
function signInWithCode(code) {
  hello = { code };
  resumeToken = null;
  loginPending = true;
  conn.start({ autoReconnect: false });
}

const shell = new ShellView({ state, conn, actions, onError: (err) => toast(errorText(err), { error: true }) });
const closeDrawerAfterChoice = () => {
  if (!shell.openDrawer) return;
  shell.closeDrawers(false);
  $('#composer-input').focus();
};
const rooms = new RoomsView({ state, actions, onRoomChosen: closeDrawerAfterChoice });
const directory = new Directory(conn, state);
const browse = new BrowseView({
  state, directory, actions, errorText, onNewRoom: () => rooms.openNewRoom(),
  onRoomChosen: () => { closeDrawerAfterChoice(); $('#composer-input').focus(); }, // joined: write there next
});
const messages = new MessagesView({
  list: $('#message-list'),
  pill: $('#new-messages-pill'),
  empty: $('#empty-state'),
  state,
  outbox,
  online: () => conn.ready,
  onNearTop: (room) => sync.loadOlder(room),
  onLooking: () => sync.markReadIfLooking(),
  onRetry: (id) => actions.retry(id),
  onDiscard: (id) => actions.discard(id),
  onReach: (room, seq) => sync.loadAround(room, seq),
});
/** Opens a conversation with one person, or a group of several, and puts the caret in its composer. */
const openConversation = (open) => (who) => { open(who); shell.closeDrawers(false); $('#composer-input').focus(); };
const messagePrivately = openConversation((user) => actions.openDirect(user));
const users = new UsersView({ state, onMessagePrivately: messagePrivately, onMessageGroup: openConversation((people) => actions.openGroup(people)) });
const typing = new TypingView({ state });
const composer = new ComposerView({
  state,
  actions,
  providers: [peopleProvider({ state, conn, onMessagePrivately: messagePrivately, onPicked: (u) => composer.notePicked(u) }), emojiSuggestions, commandProvider({ state })],
});
const attachments = new AttachmentsView({ state, actions });
const notifier = new Notifier({ state, actions });
sync.onLiveMessage = (room, message) => notifier.consider(room, message);
const deviceHistory = new DeviceHistory({ state, sync });
const archives = new ArchivesView({ state, toast, onChosen: () => shell.closeDrawers(false) });
const offlineBanner = new OfflineBanner({ state, conn });
// A changed profile: the next hello (a reconnect) must say the new nick, or it would rename back.
const profile = new ProfileDialog({ state, conn, onSaved: (me) => {
  hello = { ...hello, nick: me.nick, avatar: me.avatar ?? undefined };
  if (hello.token) storage.saveSession(hello.token, me);
} });
const settings = new SettingsView({
  state, notifier, onLogout: logout, sessions: new SessionsPanel({ sessions, toast }), passkeys: new PasskeysPanel({ toast }), ssoLink: new SsoLinkPanel({ toast }), device: { history: deviceHistory, archives, onClear: clearDevice }, onEditProfile: () => profile.open(),
});
new PasswordPanel({ conn, toast, openSettings: () => $('#settings-button').click() });
const retention = new RetentionDialog({ state, conn, onError: (err) => toast(errorText(err), { error: true }) });
const inviteDialog = new InviteDialog({ state, conn, toast });
const userCard = new UserCard({ state, onMessagePrivately: messagePrivately });
userCard.attach($('#message-list'), (el) => {
  if (el.dataset.userId) return state.people.current({ id: el.dataset.userId, nick: el.dataset.nick });
  const seq = Number(el.closest('.msg')?.dataset.seq);
  return state.currentRoom()?.bySeq.get(seq)?.from;
});
userCard.attach($('#archive-messages'), (el) => archives.authorOf(el));
new SearchView({ state, sync, actions, toast, conn });
new RoomSwitcher({ state, actions, onChosen: () => { shell.closeDrawers(false); $('#composer-input').focus(); } });
new ShortcutsHelp();
initFeatures({ state, conn, sync, actions, toast, composer, userCard, messagePrivately, attachments, notifier });
const messageActions = new MessageActions({
  state,
  list: $('#message-list'),
  composer: $('#composer-input'),
  changes: sync.changes,
  toast,
});

state.on(TOPIC.ROOMS, () => { rooms.render(); browse.render(); shell.renderRoom(); retention.render(); inviteDialog.render(); messages.updatePill(); });
state.on(TOPIC.DIRECTORY, () => { rooms.render(); browse.render(); });
state.on(TOPIC.LOG, () => { messages.render(); composer.render(); attachments.render(); shell.renderRoom(); retention.render(); inviteDialog.render(); messageActions.afterRender(); });
state.on(TOPIC.USERS, () => { users.render(); rooms.render(); shell.renderRoom(); });
state.on(TOPIC.TYPING, () => typing.render());
const admin = new AdminPanel({ conn, state, toast });
state.on(TOPIC.ME, () => { settings.render(); users.render(); admin.render(); });

// What shows the connection: its indicator, the offline banner, and our messages waiting to go out.
conn.addEventListener('status', () => { shell.renderConnection(); offlineBanner.render(); messages.onConnection(); });
state.on(TOPIC.ROOMS, () => offlineBanner.render());

conn.addEventListener('welcome', (e) => {
  const welcome = e.detail;
  // Logged in from the form: the next thing to do is to write, so the composer gets the focus.
  const fromLogin = loginPending;
  loginPending = false;
  resumeToken = null;
  storage.saveSession(welcome.token, welcome.user);
  sessions.follow(welcome);
  codeLogin.reset();
  openImageAccess(welcome.token);
  hello = { token: welcome.token, nick: welcome.user.nick, avatar: welcome.user.avatar ?? undefined };
  if (outbox.userId !== welcome.user.id) outbox.load(welcome.user.id);
  showApp();
  admin.render();
  notifier.renderBanner();
  sync.applyWelcome(welcome);
  directory.fromWelcome(welcome);
  deviceHistory.follow(welcome.user.id);
  if (archives.user !== welcome.user.id) archives.load(welcome.user.id);
  actions.ensureCurrent();
  actions.flushOutbox();
  joinPending();
  if (fromLogin) requestAnimationFrame(() => $('#composer-input').focus());
});

conn.addEventListener('helloerror', (e) => {
  const error = e.detail;
  if (loginPending && login.waitIfBusy(error, conn)) return; // asked again by itself
  loginPending = false;
  if (hello.code) {
    hello = {};
    codeLogin.fail(error);
  } else if (hello.token && error.code === 'banned') {
    showBanned(error.reason);
  } else if (hello.token && error.code === 'session_revoked') {
    leave(t('error.session_revoked'));
  } else if (hello.token && !resumeToken) {
    // The stored user's nickname is taken now (or no longer valid): ask for another, same user.
    resumeToken = hello.token;
    conn.autoReconnect = false;
    login.show({ nick: hello.nick, error });
  } else {
    login.fail(error);
    invites.refused(error);
  }
});

conn.addEventListener('unreachable', () => {
  if (loginPending) {
    loginPending = false;
    if (hello.code) codeLogin.fail({ code: 'unreachable' });
    else login.fail({ code: 'unreachable' });
  }
});
conn.addEventListener('revoked', () => leave(t('login.signed-out-elsewhere')));
conn.addEventListener('banned', (e) => showBanned(e.detail));

conn.addEventListener('frame', (e) => {
  const frame = e.detail;
  if (frame.type === 'error') {
    if (actions.onSendError(frame)) return;
    if (frame.code !== 'rate_limited' && frame.code !== 'banned') toast(errorText(frame), { error: true });
    return;
  }
  sync.applyFrame(frame);
  // The open room may have gone (left from another tab): show another one.
  if (!state.currentRoom() && state.rooms.size) actions.ensureCurrent();
});

window.addEventListener('focus', () => sync.markReadIfLooking());

/** An invite link into a room (`#join=CODE`) opened this page: once signed in, join and open the room. */
const JOIN_KEY = 'parley.join';
function joinPending() {
  const code = sessionStorage.getItem(JOIN_KEY);
  if (!code) return;
  sessionStorage.removeItem(JOIN_KEY);
  actions.joinByInvite(code).then(
    (reply) => { if (reply.room) toast(t('app.joined-room', { room: reply.room.name })); },
    (err) => toast(err?.code === 'bad_invite' ? t('app.bad-invite-link') : errorText(err), { error: true }));
}

function showApp() {
  login.hide();
  $('#banned').hidden = true;
  $('#app').hidden = false;
}

/** Banned by an administrator (`reason`: theirs, or none): this screen instead of reconnecting; the token stays, so a reload after an unban signs in again. */
function showBanned(reason) {
  conn.stop();
  shell.closeDrawers(false);
  for (const d of document.querySelectorAll('dialog[open]')) d.close();
  $('#app').hidden = true;
  login.hide();
  $('#banned-reason').textContent = reason ? t('banned.reason', { reason }) : '';
  $('#banned').hidden = false;
}
$('#banned-leave').addEventListener('click', () => { $('#banned').hidden = true; leave(); });

function logout() {
  sessions.endHere(); // the server ends this session before the socket closes
  leave();
}

/** Signed out (by this device or another): nothing of this user stays, the login form shows `notice`. */
function leave(notice) {
  conn.stop();
  deviceHistory.forget();
  archives.reset();
  closeImageAccess();
  storage.clearSession();
  outbox.clear();
  state.reset();
  hello = {};
  resumeToken = null;
  shell.closeDrawers(false);
  login.show({ nick: '', error: notice ? { code: 'signed_out', message: notice } : undefined });
}

/** "Clear data on this device" (confirmed in Settings): the kept history and archives, every preference, the session. */
async function clearDevice() {
  deviceHistory.stop();
  await deviceHistory.settled();
  await deviceCache.clear();
  await forgetShell();
  storage.clearAll();
  applyTheme('system');
  logout();
  toast(t('app.device-cleared'));
}

// Start: a stored token logs straight back in; a `#signin=CODE` link signs in with its code; otherwise, the login form.
const session = storage.session();
const linkCode = codeFromHash(location.hash);
const joinCode = joinFromHash(location.hash);
if (joinCode) sessionStorage.setItem(JOIN_KEY, joinCode); // kept through the login card and reloads
const invites = new InviteLogin(joinCode || inviteFromHash(location.hash), Boolean(joinCode));
const sso = new SsoLoginView();
const ssoError = ssoErrorFromHash(location.hash);
const ssoLinked = ssoLinkedFromHash(location.hash);
if (linkCode || invites.linkCode || ssoError || ssoLinked) history.replaceState(null, '', location.pathname + location.search);
shell.renderConnection();
if (linkCode && !session) {
  login.show();
  codeLogin.using(linkCode);
  signInWithCode(linkCode);
} else if (session) {
  if (linkCode) toast(t('login.already-signed-in'));
  if (ssoLinked || ssoError) toast(ssoLinked ? SSO_LINKED : ssoErrorMessage(ssoError), { error: !ssoLinked });
  hello = { token: session.token, nick: session.user?.nick, avatar: session.user?.avatar ?? undefined };
  if (session.user?.id) outbox.load(session.user.id);
  state.restoreSession(session.user?.id ? session.user : null);
  showApp();
  if (session.user?.id) {
    // The last room shows from the device at once; then the socket, whose welcome catches up.
    archives.load(session.user.id);
    deviceHistory.load(session.user.id).then(() => {
      if (!state.welcomed) actions.ensureCurrent();
      if (storage.session()?.token === session.token) conn.start({ autoReconnect: true });
    });
  } else {
    conn.start({ autoReconnect: true });
  }
} else {
  login.show(ssoError ? { error: { code: 'sso_error', message: ssoErrorMessage(ssoError) } } : {});
}
keepShellOffline();
