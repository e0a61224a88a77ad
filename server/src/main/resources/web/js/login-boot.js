// login-boot.js — A classic script in <head>: once the page is parsed, before the modules have loaded, it shows the login form when no session is stored, so a first visit can type a nickname while the app still loads. The "Join" button waits, disabled, until js/login.js takes the form over (LoginView.show enables it). Loaded at once with the style sheets: a deferred script would wait behind the preloaded modules.
(function () {
  function showEarly() {
    var token = null;
    try { token = localStorage.getItem('parley.token'); } catch (e) { /* no storage: the form */ }
    var login = document.getElementById('login');
    var submit = document.getElementById('login-submit');
    if (token || !login || !submit || !login.hidden || !document.getElementById('app').hidden) return;
    submit.disabled = true;
    submit.textContent = 'Loading…';
    login.hidden = false;
    document.getElementById('login-nick').focus();
  }
  // 'interactive' comes when parsing ends, before the modules run.
  document.addEventListener('readystatechange', function once() {
    if (document.readyState !== 'interactive') return;
    document.removeEventListener('readystatechange', once);
    showEarly();
  });
}());
