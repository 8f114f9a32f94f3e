// The standalone site (index.html and every static page): the app mounted on the whole
// document, its route in location.hash or the path (static-pages.js), the page's title,
// language, focus and scroll, offline support. In an <iframe>, it also reports its height
// and navigations to the parent page (frame.js).
import { CarnetApp } from './carnet-app.js';
import { standaloneNavigator } from './static-pages.js';
import { framed, reportHeightToParent, reportNavigationToParent } from './frame.js';

// Hash routing (location.hash), or history routing (clean paths) when site.yml says so.
const app = new CarnetApp(document, standaloneNavigator(), {
  base: document.baseURI,
  title: true,
  lang: document.documentElement,
  focus: 'always',
  scroll: 'window',
  serviceWorker: true,
  announce: true,
  pageTools: true,
  onNavigate: framed ? reportNavigationToParent : null,
});

app.start().catch((err) => app.showFatal('Carnet', err && err.message ? err.message : String(err)));
reportHeightToParent();
