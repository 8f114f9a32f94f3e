// Talks to the search service: one request in flight per caller, the newest answer wins.
// The service runs in a Web Worker. A worker script must come from the page's origin, so a
// site embedded from another origin starts it through a same-origin blob: module that
// imports the real one (the site must send CORS headers, as for every other file). If no
// worker starts at all (a host CSP without blob: in worker-src), the service runs on the
// main thread instead: slower on huge sites, same results.
import { createSearchService } from './search-service.js';

const WORKER_URL = new URL('./search-worker.js', import.meta.url);

function startWorker() {
  if (WORKER_URL.origin === location.origin) return new Worker(WORKER_URL, { type: 'module' });
  const shim = new Blob([`import ${JSON.stringify(WORKER_URL.href)};\n`], { type: 'text/javascript' });
  const url = URL.createObjectURL(shim);
  try {
    return new Worker(url, { type: 'module' });
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 30000);  // the worker fetched it by then
  }
}

export class SearchClient {
  // `indexFile`: the search index (a sharded site names a hashed one); `bundleFile`: the
  // whole bundle whose bodies give snippets, or null (a sharded site: bodies come by addChunk).
  constructor(baseUrl, indexFile = 'search-index.bin', bundleFile = 'bundle.json') {
    this.pending = new Map();
    this.nextId = 1;
    this.error = null;
    this.ready = false;
    this.mode = 'worker';
    this.init = {
      type: 'init',
      index: new URL(indexFile, baseUrl).href,
      bundle: bundleFile ? new URL(bundleFile, baseUrl).href : null,
    };
    try {
      this.worker = startWorker();
    } catch (err) {
      this.useMainThread(err);
      return;
    }
    this.worker.onmessage = (event) => this.onMessage(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      if (!this.ready) this.useMainThread(event);
      else this.fail(event.message || 'the search worker failed');
    };
    this.send = (msg) => this.worker.postMessage(msg);
    this.send(this.init);
  }

  // The worker could not start: the same service on this thread, pending queries replayed.
  useMainThread(reason) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.mode = 'main-thread';
    console.info(`Carnet: search runs on the main thread (${reason && reason.message ? reason.message : 'no worker'})`);
    const handle = createSearchService((msg) => this.onMessage(msg));
    this.send = (msg) => { handle(msg); };
    this.send(this.init);
    for (const { msg } of this.pending.values()) this.send(msg);
  }

  fail(message) {
    this.error = message;
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
  }

  onMessage(msg) {
    if (msg.type === 'ready') this.ready = true;
    if (msg.type === 'error') this.error = msg.message;
    if (msg.type !== 'result') return;
    const waiter = this.pending.get(msg.id);
    if (!waiter) return;
    this.pending.delete(msg.id);
    if (msg.error) waiter.reject(new Error(msg.error));
    else waiter.resolve(msg.result);
  }

  // Resolves with the results JSON of the core's SearchEngine for a query string.
  search(queryString, lang, limit = 30) {
    if (this.error) return Promise.reject(new Error(this.error));
    const id = this.nextId++;
    const msg = { type: 'search', id, query: queryString, limit, lang };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, msg });
      this.send(msg);
    });
  }

  // A sharded site's content chunk (its text and file name): bodies for snippets. Searches
  // sent after it see them.
  addChunk(text, name) {
    if (!this.error) this.send({ type: 'chunk', text, name });
  }

  terminate() {
    if (this.worker) this.worker.terminate();
    this.fail('search stopped');
  }
}
