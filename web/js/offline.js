// Offline support for the standalone site (never for an embed: a host page keeps its own
// service worker). A new deploy installs in the background; the page then offers a reload
// and switches only when asked, so one page never mixes two versions.
import { h } from './views.js';

// `base`: the site's URL; `box`: where the update notice goes; `strings()`: the UI strings;
// `offlineBox`: for a sharded site, where the "make everything available offline" button
// and its progress go (small sites precache everything, so they have none).
export async function registerServiceWorker(base, box, strings, offlineBox = null) {
  if (!('serviceWorker' in navigator)) return;
  let registration;
  try {
    registration = await navigator.serviceWorker.register(new URL('sw.js', base), { updateViaCache: 'none' });
  } catch (err) {
    console.warn(`Carnet: offline mode unavailable (${err.message})`);
    return;
  }
  if (!registration) return;  // service workers blocked by the browser's settings
  let switching = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (switching) location.reload();
  });
  const offer = (worker) => {
    const s = strings();
    const button = h('button', { type: 'button', class: 'button' }, s.update_reload);
    button.addEventListener('click', () => {
      switching = true;
      worker.postMessage({ type: 'skip-waiting' });
    });
    box.replaceChildren(h('section', { class: 'notice update', role: 'status' },
      h('p', {}, s.update_available, ' ', button)));
  };
  // A new version is offered once installed. The browser looks for one as the page loads,
  // so by the time this runs it may be installed already (waiting), or still installing
  // (its updatefound came before the listener below): both are watched, not only the later.
  const watch = (worker) => {
    if (!worker) return;
    const ready = () => worker.state === 'installed' && navigator.serviceWorker.controller;
    if (ready()) offer(worker);
    else worker.addEventListener('statechange', () => { if (ready()) offer(worker); });
  };
  watch(registration.waiting);
  watch(registration.installing);  // newer than the waiting one: its offer replaces that one
  registration.addEventListener('updatefound', () => watch(registration.installing));
  if (offlineBox) offerOfflineCopy(offlineBox, strings);
  // A reader who keeps the tab open still hears of new articles.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

// A sharded site precaches its boot data and index only; its chunks (every article's body)
// come into the cache when the reader asks, with a progress bar. The service worker does
// the downloading (sw.js: offline-status, offline-all) and reports offline-progress.
async function offerOfflineCopy(box, strings) {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return;
  const s = strings();
  const button = h('button', { type: 'button', class: 'button', id: 'carnet-offline-all' }, s.offline_all);
  const bar = h('progress', { id: 'carnet-offline-progress', max: '1', value: '0', hidden: '' });
  const status = h('span', { class: 'offline-status', role: 'status', id: 'carnet-offline-status' });
  button.addEventListener('click', () => {
    button.disabled = true;
    worker.postMessage({ type: 'offline-all' });
  });
  navigator.serviceWorker.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'offline-progress') return;
    if (m.done >= m.total && !m.failed) {
      box.replaceChildren(h('p', { class: 'offline-status', role: 'status', id: 'carnet-offline-status' }, s.offline_done));
      return;
    }
    if (m.status) {  // the answer to offline-status: not everything is cached yet
      box.replaceChildren(h('p', {}, button, ' ', bar, ' ', status));
      return;
    }
    bar.hidden = false;
    bar.max = m.total;
    bar.value = m.done;
    status.textContent = `${s.offline_progress} ${m.done} / ${m.total}`;
    if (m.finished && m.failed) {
      status.textContent = `${s.offline_failed} ${m.failed} / ${m.total}`;
      button.disabled = false;
    }
  });
  worker.postMessage({ type: 'offline-status' });
}
