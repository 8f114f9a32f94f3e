// The search service: loads the wasm core and the prebuilt index, then answers queries.
// It speaks messages so it can run in the search worker (search-worker.js) or, when no
// worker can start, on the main thread (see search.js). Messages in: {type:'init', index,
// bundle (or null)}, {type:'chunk', text, name} (a sharded site's bodies, for snippets) and
// {type:'search', id, query, limit, lang}; out through `post`:
// {type:'ready'|'bodies'|'warning'|'error'|'result', ...}.
import { loadCore } from './core.js';

export function createSearchService(post) {
  let search = null;
  let failure = null;
  let ready = null;

  async function init(indexUrl, bundleUrl) {
    const module = await loadCore();
    const response = await fetch(indexUrl);
    if (!response.ok) throw new Error(`${indexUrl}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const engine = new module.Search();
    const ptr = module._malloc(bytes.length || 1);
    module.HEAPU8.set(bytes, ptr);
    const error = engine.load(ptr, bytes.length);
    module._free(ptr);
    if (error) throw new Error(error);
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
      const result = JSON.parse(search.search(msg.query, msg.limit, msg.lang));
      result.took_ms = performance.now() - started;
      post({ type: 'result', id: msg.id, result });
    }
  };
}
