// The search service: loads the wasm core and the prebuilt index, then answers queries.
// It speaks messages so it can run in the search worker (search-worker.js) or, when no
// worker can start, on the main thread (see search.js). Messages in: {type:'init', index,
// bundle (or null)}, {type:'chunk', text, name} (a sharded site's bodies, for snippets) and
// {type:'search', id, query, limit, lang}; out through `post`:
// {type:'ready'|'bodies'|'warning'|'error'|'result', ...}.
// A large site's index is a head file plus postings parts: when the engine answers a query
// with {needs: [part files]}, they are fetched (beside the head, each once), added, and the
// query is run again.
import { loadCore } from './core.js';

export function createSearchService(post) {
  let search = null;
  let failure = null;
  let ready = null;

  let module = null;
  let headUrl = null;
  const parts = new Map();  // part file name -> promise of its loading

  async function fetchBytes(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  // Calls `method` of the engine with bytes copied into wasm memory; throws its error.
  function loadInto(engine, method, bytes) {
    const ptr = module._malloc(bytes.length || 1);
    module.HEAPU8.set(bytes, ptr);
    const error = engine[method](ptr, bytes.length);
    module._free(ptr);
    if (error) throw new Error(error);
  }

  function loadPart(name) {
    if (!parts.has(name)) {
      const url = new URL(name, headUrl).href;
      const loading = fetchBytes(url).then((bytes) => loadInto(search, 'addPart', bytes));
      // A failed fetch (offline, a new deploy) is tried again by the next query.
      loading.catch(() => parts.delete(name));
      parts.set(name, loading);
    }
    return parts.get(name);
  }

  // The results JSON for a query, fetching the index parts it needs first.
  async function run(msg) {
    // One round gets every part the query names; a second is a safety net, never a loop.
    for (let round = 0; ; round += 1) {
      const result = JSON.parse(search.search(msg.query, msg.limit, msg.lang));
      if (!result.needs) return result;
      if (round === 2) throw new Error(`search index parts not usable: ${result.needs.join(', ')}`);
      await Promise.all(result.needs.map(loadPart));
    }
  }

  async function init(indexUrl, bundleUrl) {
    module = await loadCore();
    headUrl = indexUrl;
    const bytes = await fetchBytes(indexUrl);
    const engine = new module.Search();
    loadInto(engine, 'load', bytes);
    search = engine;
    post({ type: 'ready', documents: engine.documents() });
    // Bodies (for snippets and exact phrases) come second: results do not wait for them.
    // A sharded site has no whole bundle: its bodies come chunk by chunk ('chunk' below).
    if (!bundleUrl) return;
    const bundle = await fetch(bundleUrl);
    if (bundle.ok) {
      const problem = engine.setBundle(await bundle.text());
      if (problem) post({ type: 'warning', message: problem });
      else post({ type: 'bodies' });
    }
  }

  return async (msg) => {
    if (msg.type === 'init') {
      ready = init(msg.index, msg.bundle).catch((err) => {
        failure = err.message || String(err);
        post({ type: 'error', message: failure });
      });
      return;
    }
    if (msg.type === 'chunk') {
      await ready;  // messages are handled in the order they came: a search sent after sees it
      const problem = search ? search.addChunk(msg.text, msg.name) : '';
      if (problem) post({ type: 'warning', message: problem });
      return;
    }
    if (msg.type === 'search') {
      await ready;
      if (!search) {
        post({ type: 'result', id: msg.id, error: failure || 'search is not ready' });
        return;
      }
      const started = performance.now();
      let result;
      try {
        result = await run(msg);
      } catch (err) {
        post({ type: 'result', id: msg.id, error: err.message || String(err) });
        return;
      }
      result.took_ms = performance.now() - started;
      post({ type: 'result', id: msg.id, result });
    }
  };
}
