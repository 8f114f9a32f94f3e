// Applies the theme the reader chose before the first paint, so the page never flashes the
// other one. A classic blocking script in <head>: the CSP allows it (script-src 'self'),
// unlike an inline one. Without a stored choice, the CSS follows the system.
(function () {
  try {
    var theme = localStorage.getItem('carnet-theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  } catch (e) {
    // Storage blocked (privacy settings): follow the system.
  }
}());
