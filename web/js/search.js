// Talks to the search worker: one request in flight per caller, the newest answer wins.
export class SearchClient {
  constructor(baseUrl) {
    this.worker = new Worker(new URL('./search-worker.js', import.meta.url), { type: 'module' });
    this.pending = new Map();
    this.nextId = 1;
    this.error = null;
    this.worker.onmessage = (event) => this.onMessage(event.data);
    this.worker.onerror = (event) => {
      this.error = event.message || 'the search worker failed to start';
      for (const { reject } of this.pending.values()) reject(new Error(this.error));
      this.pending.clear();
      event.preventDefault();
    };
    this.worker.postMessage({
      type: 'init',
      index: new URL('search-index.bin', baseUrl).href,
      bundle: new URL('bundle.json', baseUrl).href,
    });
  }

  onMessage(msg) {
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
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'search', id, query: queryString, limit, lang });
    });
  }
}
