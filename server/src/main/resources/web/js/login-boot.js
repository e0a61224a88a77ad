// login-boot.js — A classic script in <head>: once the page is parsed, before the modules have loaded, it shows the login form when no session is stored, so a first visit can type a nickname and press Join while the app still loads. A Join pressed before js/login.js has taken the form over is kept (the button says "Joining…") and js/login.js submits it when it arrives (LoginView.show). Loaded at once with the style sheets: a deferred script would wait behind the preloaded modules. Only for an English reader: the page is written in English, and js/i18n.js translates it when the modules run, so a reader of another language waits for that rather than seeing English first (the one text here is en.js's 'login.joining', checked by i18n.test.js).
(function () {
  var root = document.documentElement;
  /** The same choice as js/i18n.js pickLanguage: the stored one, else the browser's first that Parley speaks. */
  function english(stored) {
    if (stored) return stored === 'en';
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < prefs.length; i++) {
      var tag = String(prefs[i]).toLowerCase();
      if (tag === 'zh' || tag.indexOf('zh-') === 0) return false;
      if (tag === 'en' || tag.indexOf('en-') === 0) return true;
    }
    return true;
  }
  function showEarly() {
    var token = null;
    var lang = null;
    try {
      token = localStorage.getItem('parley.token');
      lang = localStorage.getItem('parley.lang'); // the key storage.js uses for the language
    } catch (e) { /* no storage: the form */ }
    if (!english(lang)) return;
    var login = document.getElementById('login');
    var form = document.getElementById('login-form');
    var submit = document.getElementById('login-submit');
    var nick = document.getElementById('login-nick');
    if (token || !login || !form || !submit || !nick || !login.hidden || !document.getElementById('app').hidden) return;
    form.addEventListener('submit', function (e) {
      if (root.dataset.loginReady) return; // js/login.js handles it
      e.preventDefault();
      if (!nick.value.trim()) { nick.focus(); return; }
      root.dataset.earlyJoin = '1';
      submit.disabled = true;
      submit.textContent = 'Joining…';
    });
    login.hidden = false;
    nick.focus();
  }
  // 'interactive' comes when parsing ends, before the modules run.
  document.addEventListener('readystatechange', function once() {
    if (document.readyState !== 'interactive') return;
    document.removeEventListener('readystatechange', once);
    showEarly();
  });
}());
