// login-boot.js — A classic script in <head>: once the page is parsed, before the modules have loaded, it shows the login form when no session is stored, so a first visit can type a nickname and press Join while the app still loads. A Join pressed before js/login.js has taken the form over is kept (the button says "Joining…") and js/login.js submits it when it arrives (LoginView.show). Loaded at once with the style sheets: a deferred script would wait behind the preloaded modules.
(function () {
  var root = document.documentElement;
  function showEarly() {
    var token = null;
    try { token = localStorage.getItem('parley.token'); } catch (e) { /* no storage: the form */ }
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
