// A sharded site's files (docs/bundle-format.md, "Sharded sites"): the metadata parts,
// fetched right after the first paint and handed to the core in order, the content chunks,
// fetched when an article needs one (or ahead of the reader, to prefetch), and the "where"
// files, which name an article's chunk before the metadata parts get to it (a deep link to
// an old article), and the "lists" files, the first pages of every category, tag and author
// list before the metadata parts (a deep link to a list). Every file is content-hashed, so
// the browser may keep it forever; each is fetched once.
const META_AHEAD = 4;  // metadata parts requested at once (browsers open 6 connections to a host)

export class Shards {
  // `viewer`: the CarnetViewer; `base`: the site's URL; `report`: the load report of bundle.json.
  constructor(viewer, base, report) {
    this.viewer = viewer;
    this.base = base;
    this.metaFiles = report.meta || [];
    this.complete = report.complete !== false;
    this.chunks = new Map();  // file -> {promise: Promise<'' | error message>, generation}
    this.where = new Map();   // file -> Promise<void>
    this.lists = new Map();   // file -> Promise<void>
    this.generation = 0;      // metadata parts added so far: a chunk added before some of
                              // them only gave the core the bodies of the articles it knew
    this.meta = null;         // Promise<{error, skipped[]}> once loadMeta() started
    this.partWaiters = [];    // resolve functions of nextMeta() calls, called at each part added
  }

  async fetchText(file) {
    const response = await fetch(new URL(file, this.base));
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status} ${response.statusText}`);
    return response.text();
  }

  // Every metadata part, fetched and added in order. Resolves (never rejects)
  // with {error, skipped}: a missing part leaves the lists it would complete unavailable.
  loadMeta() {
    if (!this.meta) {
      this.meta = (async () => {
        // In order, META_AHEAD at a time: the first parts (the newest articles) arrive first
        // instead of sharing the connections with every other part, and an article's chunk is
        // not queued behind megabytes of older metadata. (100k articles, 20 parts, quiet
        // machine: an article of the first part 3.0 s instead of 9.9 s after the navigation;
        // the oldest article 11.0 s instead of 9.7 s.)
        const texts = [];
        const fetchPart = (i) => {
          if (i < this.metaFiles.length && !texts[i]) texts[i] = this.fetchText(this.metaFiles[i]).catch((err) => err);
        };
        const skipped = [];
        for (let i = 0; i < this.metaFiles.length; i++) {
          for (let k = i; k < i + META_AHEAD; k++) fetchPart(k);
          const text = await texts[i];
          if (text instanceof Error) return { error: text.message, skipped };
          const report = this.viewer.addMeta(text, this.metaFiles[i]);
          this.generation++;
          skipped.push(...report.skipped);
          if (!report.ok) return { error: report.error, skipped };
          this.complete = report.complete;
          const waiters = this.partWaiters;
          this.partWaiters = [];
          for (const resolve of waiters) resolve({ done: false, error: '' });
        }
        return { error: '', skipped };
      })();
    }
    return this.meta;
  }

  // Starts loadMeta() if needed and resolves as soon as one more part is added ({done:
  // false}), or once loading ended ({done: true, error}): a view waiting for metadata can
  // be tried again after each part instead of after the last one (an article of the first
  // parts, page 2 of a list, shows while the older parts still load).
  nextMeta() {
    const all = this.loadMeta().then((result) => ({ done: true, error: result.error }));
    return Promise.race([all, new Promise((resolve) => this.partWaiters.push(resolve))]);
  }

  // Loads chunk `file` into the core once. Resolves with '' or the error message; a failed
  // chunk is tried again the next time it is asked for.
  // A chunk added before later metadata parts is added again (from the browser's cache):
  // it holds bodies of articles the core did not know then.
  loadChunk(file) {
    const known = this.chunks.get(file);
    if (known && known.generation === this.generation) return known.promise;
    const entry = { generation: this.generation, promise: null };
    entry.promise = this.fetchText(file)
      .then((text) => this.viewer.addChunk(text, file), (err) => err.message || String(err))
      .then((error) => {
        if (error && this.chunks.get(file) === entry) this.chunks.delete(file);
        return error;
      });
    this.chunks.set(file, entry);
    return entry.promise;
  }

  // Gives the core "where" file `file` once. Never fails: the core hears of a file that
  // could not be fetched too, and its articles then wait for the metadata instead.
  loadWhere(file) {
    return this.loadOnce(this.where, file, (text) => this.viewer.addWhere(text, file));
  }

  // The same for "lists" file `file` (its lists then wait for the metadata instead).
  loadLists(file) {
    return this.loadOnce(this.lists, file, (text) => this.viewer.addLists(text, file));
  }

  // (A file that cannot be fetched is given as '' all the same, and the warning says why.)
  loadOnce(loaded, file, add) {
    if (!loaded.has(file)) {
      const failed = (err) => {
        add('');
        const why = err.message || String(err);
        return why.startsWith(file) ? why : `${file}: ${why}`;
      };
      loaded.set(file, this.fetchText(file).then(add, failed).then((error) => {
        if (error) console.warn(`Carnet: ${error}`);
      }));
    }
    return loaded.get(file);
  }

  // Fetches ahead the chunk or "lists" file a route will need (a link the reader points at,
  // the articles and the next page of the list on screen); errors wait until it is really
  // opened.
  prefetch(route) {
    const chunk = this.viewer.chunkFor(route);
    if (chunk) this.loadChunk(chunk);
    const lists = chunk ? '' : this.viewer.listsFor(route);
    if (lists) this.loadLists(lists);
  }
}
