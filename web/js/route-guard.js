// Runs before the first paint of a static page (a classic script in <head>, so it blocks
// only for this tiny file). Every page of a built site shows one route (data-carnet-route);
// when the address asks for another one (a hash link to the home page, 404.html shown for a
// route that has no static page, an offline fallback), the page's content is hidden until
// the viewer paints the right route, so nobody sees a flash of the wrong page. Without
// JavaScript this never runs and the static content shows. See docs/static-pages.md.
(function guard() {
  var root = document.documentElement;
  var shown = root.getAttribute('data-carnet-route');
  if (!shown) return;
  var wanted = shown;
  var hash = location.hash;
  if (hash.indexOf('#/') === 0) {
    var anchor = hash.indexOf('#', 1);
    wanted = anchor < 0 ? hash : hash.slice(0, anchor);
  } else if (root.getAttribute('data-carnet-routing') === 'history') {
    var base = new URL(document.baseURI).pathname;
    var path = location.pathname;
    if (path.indexOf(base) === 0) {
      var rel = path.slice(base.length).replace(/index\.html$/, '').replace(/\/$/, '');
      wanted = '#/' + rel + location.search;
    }
    if (shown === '#/404') wanted = null;  // 404.html: the viewer decides
  }
  if (wanted === shown) return;
  root.classList.add('carnet-pending');
  // Shown again as soon as the viewer paints <main> (or takes the page over as it is).
  function reveal() { root.classList.remove('carnet-pending'); }
  document.addEventListener('DOMContentLoaded', function watch() {
    var main = document.getElementById('carnet-main');
    if (!main) return reveal();
    new MutationObserver(function changed(records, observer) {
      observer.disconnect();
      reveal();
    }).observe(main, { childList: true });
  });
  document.addEventListener('carnet:painted', reveal);
})();
