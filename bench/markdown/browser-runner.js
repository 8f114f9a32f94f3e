// The Markdown benchmark inside headless Chromium (bench/markdown/browser.mjs serves this
// page): the same engines, called the same way as in Node, on the same articles.
const ENGINE_LOADERS = {
  async carnet() {
    const { default: createCarnet } = await import('./carnet-core.js');
    const md = new (await createCarnet()).Markdown();
    return (text) => md.render(text);
  },
  async 'markdown-wasm'(flags) {
    const mdw = await import('./markdown.es.js');  // fetches ./markdown.wasm
    await mdw.ready;
    return (text) => mdw.parse(text, { parseFlags: flags });
  },
  async md4w(flags) {
    const md4w = await import('./md4w/index.js');
    await md4w.init('fast');  // as in Node: the faster of its two builds
    return (text) => md4w.mdToHtml(text, { parseFlags: flags });
  },
  async marked() {
    const { marked } = await import('./marked.esm.js');
    return (text) => marked.parse(text);
  },
  async 'markdown-it'() {
    const { default: markdownit } = await import('./markdown-it.esm.min.mjs');
    const md = markdownit({ linkify: true });
    return (text) => md.render(text);
  },
};

let texts = [];
const engines = [];
let sink = 0;

window.bench = {
  // Loads the engines; returns {id: html length of the whole set} (or an error message).
  async setup(ids, md4cFlags) {
    texts = await (await fetch('./articles.json')).json();
    const report = {};
    for (const id of ids) {
      try {
        const render = await ENGINE_LOADERS[id](md4cFlags);
        report[id] = texts.reduce((n, t) => n + render(t).length, 0);
        engines.push({ id, render });
      } catch (err) {
        report[id] = `error: ${err && err.message ? err.message : err}`;
      }
    }
    return report;
  },
  // One round: every engine renders every article once, in an order rotated by `r`.
  // Returns {id: milliseconds}.
  round(r) {
    const times = {};
    for (let k = 0; k < engines.length; k++) {
      const e = engines[(k + r) % engines.length];
      if (window.gc) window.gc();
      const t0 = performance.now();
      for (const t of texts) sink += e.render(t).length;
      times[e.id] = performance.now() - t0;
    }
    return times;
  },
};
