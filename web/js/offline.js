// Offline support for the standalone site (never for an embed: a host page keeps its own
// service worker). A new deploy installs in the background; the page then offers a reload
// and switches only when asked, so one page never mixes two versions.
import { h } from './views.js';

// `base`: the site's URL; `box`: where the update notice goes; `strings()`: the UI strings.
export async function registerServiceWorker(base, box, strings) {
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
