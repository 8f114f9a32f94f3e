// The shell: fetch the bundle, hand it to the core, repaint on every hash change.
// Decisions (routes, lists, rendering) are the core's; this file does I/O, DOM and events.
import { loadCore, CarnetViewer } from './core.js';
import { paintView, paintNav, paintFacets, paintResults, errorPanel, h } from './views.js';
import { SearchClient } from './search.js';

const $ = (id) => document.getElementById(id);

const state = {
  viewer: null,
  strings: null,
  current: null,   // the view painted now
  painted: false,  // after the first paint, navigation moves focus to the heading
  search: null,    // the SearchClient, started on first use
  searchToken: 0,  // the newest search request; older answers are dropped
};

function searchClient() {
  if (!state.search) state.search = new SearchClient(document.baseURI);
  return state.search;
}

// Asks the worker for the current search route's results and paints them.
async function runSearch(view) {
  const token = ++state.searchToken;
  const status = $('carnet-search-status');
  let result;
  try {
    result = await searchClient().search(view.search.query_string, view.lang);
  } catch (err) {
    if (token !== state.searchToken) return;
    status.textContent = `${view.strings.search_unavailable} ${err.message}`;
    return;
  }
  if (token !== state.searchToken || state.current !== view) return;
  status.textContent = result.count_text;
  $('carnet-search-results').replaceChildren(...paintResults(view, result));
  $('carnet-facets').replaceChildren(...paintFacets(view, result));
  announce(result.count_text);
}

// Typing in the header field: results follow every keystroke. The first keystroke opens
// the search route (a history entry); later ones replace it, so Back leaves the search.
function onSearchInput() {
  const q = $('carnet-q').value;
  const current = state.current;
  if (current && current.kind === 'search') {
    const params = new URLSearchParams(current.search.query_string);
    if (q) params.set('q', q);
    else params.delete('q');
    const qs = params.toString();
    history.replaceState(history.state, '', qs ? `#/search?${qs}` : '#/search');
    render();
  } else {
    location.hash = `#/search?${new URLSearchParams({ q })}`;
  }
}

function onDateRange(event) {
  if (event.target.id !== 'carnet-date-range') return;
  event.preventDefault();
  const form = new FormData(event.target);
  const params = new URLSearchParams(state.current.search.query_string);
  for (const key of ['from', 'to']) {
    if (form.get(key)) params.set(key, form.get(key));
    else params.delete(key);
  }
  location.hash = `#/search?${params}`;
}

function announce(text) {
  const el = $('carnet-announcer');
  el.textContent = '';
  // A separate task so screen readers notice the change even for the same text.
  setTimeout(() => { el.textContent = text; }, 50);
}

function showFatal(title, message) {
  $('carnet-main').replaceChildren(errorPanel(title, message));
  document.title = title;
}

// Offline support. A new deploy installs in the background; the page then offers a reload
// and switches only when asked, so one page never mixes two versions.
async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  let registration;
  try {
    registration = await navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' });
  } catch (err) {
    console.warn(`Carnet: offline mode unavailable (${err.message})`);
    return;
  }
  let switching = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (switching) location.reload();
  });
  const offer = (worker) => {
    const strings = state.strings;
    const button = h('button', { type: 'button', class: 'button' }, strings.update_reload);
    button.addEventListener('click', () => {
      switching = true;
      worker.postMessage({ type: 'skip-waiting' });
    });
    $('carnet-update').replaceChildren(h('section', { class: 'notice update', role: 'status' },
      h('p', {}, strings.update_available, ' ', button)));
  };
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  // A reader who keeps the tab open still hears of new articles.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

function showNotices(report) {
  const box = $('carnet-notices');
  box.replaceChildren();
  if (!report.skipped || report.skipped.length === 0) return;
  for (const s of report.skipped) console.warn(`Carnet: skipped ${s}`);
  box.append(h('section', { class: 'notice', role: 'status' },
    h('p', {}, report.strings.skipped_title),
    h('ul', {}, report.skipped.map((s) => h('li', {}, s)))));
}

function scrollToAnchor(anchor) {
  if (!anchor) return false;
  const target = document.getElementById(anchor);
  if (!target) return false;
  target.scrollIntoView({ block: 'start' });
  return true;
}

function render() {
  const hash = location.hash || '#/';
  let view;
  try {
    view = state.viewer.view(hash);
  } catch (err) {
    showFatal('Carnet', `This page could not be built: ${err.message}`);
    return;
  }
  if (view.kind === 'error') {
    showFatal(state.strings.load_error, view.error);
    return;
  }
  // Same article, another heading: only scroll.
  const prev = state.current;
  if (prev && prev.kind === 'article' && view.kind === 'article' && prev.article.slug === view.article.slug) {
    state.current = view;
    scrollToAnchor(view.anchor);
    return;
  }
  const main = $('carnet-main');
  const input = $('carnet-q');
  const typing = document.activeElement === input;
  main.replaceChildren(...paintView(view));
  if (view.kind === 'search') {
    if (!typing && input.value !== view.search.q) input.value = view.search.q;
    runSearch(view);
  }
  $('carnet-nav').replaceChildren(paintNav(view));
  $('carnet-site-title').textContent = view.site.title;
  $('carnet-footer').textContent = view.site.description;
  $('carnet-skip').textContent = view.strings.skip_link;
  $('carnet-nav').setAttribute('aria-label', view.strings.main_nav);
  $('carnet-q-label').textContent = view.strings.search_label;
  input.placeholder = view.strings.search_placeholder;
  document.title = view.title;
  document.documentElement.lang = view.lang;
  state.current = view;

  if (!scrollToAnchor(view.anchor)) window.scrollTo(0, 0);
  if (state.painted && !typing) {
    const heading = main.querySelector('h1');
    if (heading) heading.focus({ preventScroll: true });
    announce(view.title);
  }
  state.painted = true;
}

async function fetchBundle() {
  const url = new URL('bundle.json', document.baseURI);
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`bundle.json: HTTP ${response.status} ${response.statusText}`);
  return response.text();
}

async function boot() {
  let module;
  let text;
  try {
    [module, text] = await Promise.all([loadCore(), fetchBundle()]);
  } catch (err) {
    showFatal('Le blog n’a pas pu être chargé / The blog could not be loaded', err.message || String(err));
    return;
  }
  state.viewer = new CarnetViewer(module);
  const report = state.viewer.load(text);
  state.strings = report.strings;
  if (!report.ok) {
    showFatal(report.strings.load_error, report.error);
    return;
  }
  for (const w of report.warnings) console.warn(`Carnet: ${w}`);
  showNotices(report);
  window.addEventListener('hashchange', render);
  $('carnet-q').addEventListener('input', onSearchInput);
  $('carnet-q').addEventListener('focus', searchClient, { once: true });  // warm the index up
  $('carnet-search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const first = document.querySelector('#carnet-search-results .hit-title a');
    if (first) first.focus();
  });
  $('carnet-main').addEventListener('submit', onDateRange);
  render();
  registerServiceWorker();
}

boot().catch((err) => showFatal('Carnet', err && err.message ? err.message : String(err)));
