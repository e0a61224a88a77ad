// theme-boot.js — A classic script loaded synchronously in <head>: pins the stored theme before the first paint (the CSP allows no inline script; theme.js takes over once the modules run).
(function () {
  try {
    var theme = localStorage.getItem('parley.theme'); // the key storage.js uses for the theme
    if (theme === 'light' || theme === 'dark') {
      document.documentElement.setAttribute('data-theme', theme);
      // the browser's bar in the chosen theme's colour too (theme.js keeps it so later)
      var metas = document.querySelectorAll('meta[name="theme-color"][data-theme]');
      for (var i = 0; i < metas.length; i++) {
        metas[i].setAttribute('media', metas[i].getAttribute('data-theme') === theme ? 'all' : 'not all');
      }
    }
  } catch (e) { /* storage unavailable: the system theme */ }
}());
