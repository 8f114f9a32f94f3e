// Runs before the first paint of a page of a built site (a classic script in <head>, so it
// blocks only for this tiny file). Every page shows one route (data-carnet-route on <html>);
// when the address asks for another one (a "#/…" link to the home page, 404.html shown for
// a route without a static page, the offline copy of the home page served for any address),
// the page's content is hidden until the viewer paints the right route, so nobody sees a
// flash of the wrong page. Without JavaScript this never runs and the static content shows.
// The address is read as history-navigator.js reads it; see docs/static-pages.md.
(function guard() {
  var html = document.documentElement;
  var shown = html.getAttribute('data-carnet-route');
  if (!shown) return;
  var wanted = location.hash;
  if (wanted.indexOf('#/') === 0) {
    var anchor = wanted.indexOf('#', 1);
    if (anchor >= 0) wanted = wanted.slice(0, anchor);
  } else {
    // The path under the site's folder (<base href>): "/blog/post/x/" is "#/post/x".
    var folder = new URL(document.baseURI).pathname;
    if (location.pathname.indexOf(folder) !== 0) return;
    var rel = location.pathname.slice(folder.length).replace(/(^|\/)index\.html$/, '$1').replace(/\/+$/, '');
    wanted = '#/' + rel + location.search;
  }
  if (wanted === shown) return;
  html.classList.add('carnet-pending');
  // Shown again as soon as the viewer paints <main> or takes the page over as it is
  // (style.css also shows it after a few seconds, should the viewer never start).
  function reveal() { html.classList.remove('carnet-pending'); }
  document.addEventListener('carnet:painted', reveal);
  document.addEventListener('DOMContentLoaded', function watch() {
    var main = document.getElementById('carnet-main');
    if (!main) return reveal();
    new MutationObserver(function changed(records, observer) {
      observer.disconnect();
      reveal();
    }).observe(main, { childList: true });
  });
})();
