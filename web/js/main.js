// The standalone site (index.html): the app mounted on the whole document, its route in
// location.hash, the page's title, language, focus and scroll, offline support. In an
// <iframe>, it also reports its height and navigations to the parent page (frame.js).
import { CarnetApp } from './carnet-app.js';
import { HashNavigator } from './navigators.js';
import { framed, reportHeightToParent, reportNavigationToParent } from './frame.js';

// A static page (post/x/index.html) opened without a hash: its route moves into the hash of
// the site root's address, where "#/…" links stay in this document (static pages carry
// <base href> = the site root).
const shown = document.documentElement.getAttribute('data-carnet-route');
if (!location.hash && shown && shown !== '#/') history.replaceState(history.state, '', new URL(shown, document.baseURI));

const app = new CarnetApp(document, new HashNavigator(), {
  base: document.baseURI,
  title: true,
  lang: document.documentElement,
  focus: 'always',
  scroll: 'window',
  serviceWorker: true,
  announce: true,
  onNavigate: framed ? reportNavigationToParent : null,
});

app.start().catch((err) => app.showFatal('Carnet', err && err.message ? err.message : String(err)));
reportHeightToParent();
