// Asks for the wasm module as soon as the page starts, instead of once every module has
// been fetched and run (core.js's loadCore() then finds it in the preload cache). A <link
// rel="preload"> written in the page would be fetched with JavaScript off too: 350 KB for
// a reader of the static pages who will never run it. Classic script, async: it blocks
// neither parsing nor the first paint.
(function preloadCore() {
  // Async, so it may run after main.js has asked for the module already (core.js says so):
  // a preload then would be a second download.
  if (window.carnetCoreRequested) return;
  var link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.type = 'application/wasm';
  link.crossOrigin = 'anonymous';  // matches the glue's fetch (same-origin credentials)
  link.href = 'carnet-core.wasm';  // relative to the page's <base>: the site's folder
  document.head.appendChild(link);
})();
