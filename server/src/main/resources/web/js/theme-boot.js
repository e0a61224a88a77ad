// theme-boot.js — A classic script loaded synchronously in <head>: pins the stored theme before the first paint (the CSP allows no inline script; theme.js takes over once the modules run).
(function () {
  try {
    var theme = localStorage.getItem('parley.theme'); // the key storage.js uses for the theme
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  } catch (e) { /* storage unavailable: the system theme */ }
}());
