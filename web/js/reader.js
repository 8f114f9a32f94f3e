// The reading comforts around each painted view: UI language switch, theme toggle,
// reading progress, copy-link buttons, focusable code blocks, the chrome's language.
// CarnetApp calls initReader() once before its first paint and enhanceView() after each.
// Page tools (theme, progress) act on the whole page: the standalone site only; in an
// embed the host page themes the element (docs/embedding.md) and the toggle is hidden.
import { initLanguageSwitch, paintLanguageSwitch } from './language.js';
import { initThemeToggle, paintThemeToggle } from './theme.js';
import { initProgress, trackProgress } from './progress.js';
import { addCopyLinks } from './copy-link.js';

// `app`: the CarnetApp (root, viewer, navigator, $(), announce(), repaint()).
export function initReader(app, { pageTools }) {
  const tools = app.$('carnet-tools');
  if (tools) tools.hidden = false;  // hidden in the shell: without the app they do nothing
  const lang = app.$('carnet-lang');
  if (lang) initLanguageSwitch(lang, app.viewer, () => app.repaint());
  const theme = app.$('carnet-theme');
  if (theme && pageTools) initThemeToggle(theme);
  else if (theme) theme.hidden = true;
  if (pageTools) initProgress();
}

// `main`: the element the view was just painted into. `adopted`: a static page taken over
// as it is, whose nodes must stay untouched (no copy-link buttons until the next view).
export function enhanceView(app, view, main, { pageTools, adopted = false }) {
  // The page's lang is the content's; the chrome speaks the UI's language.
  for (const el of app.root.querySelectorAll('.site-header, .site-footer')) el.lang = view.ui_lang;
  const lang = app.$('carnet-lang');
  if (lang) paintLanguageSwitch(lang, view);
  const theme = app.$('carnet-theme');
  if (theme) paintThemeToggle(theme, view.strings);
  const tools = app.$('carnet-tools');
  if (tools) tools.setAttribute('aria-label', view.strings.reader_settings);
  const article = view.kind === 'article' ? main.querySelector('.post') : null;
  if (pageTools) trackProgress(article);
  if (article && !adopted) enhanceArticleBody(app, view, article.querySelector('.post-body'));
}

// Copy-link buttons and focusable code blocks in article HTML: the body as painted, then
// each later piece of a huge article (pieces.js) before it is inserted.
export function enhanceArticleBody(app, view, container) {
  if (!container) return;
  const permalink = (route) => new URL(app.navigator.href(route), location.href).href;
  addCopyLinks(container, view, permalink, (text) => app.announce(text));
  // Code blocks scroll sideways on small screens: keyboard users must reach them too.
  for (const pre of container.querySelectorAll('pre')) pre.tabIndex = 0;
}
