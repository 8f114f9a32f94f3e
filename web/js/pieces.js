// Huge articles are painted a piece at a time. Laying out a 10 MB article at once kept the
// tab busy for tens of seconds; its first piece comes with the page, the next ones when the
// reader nears the end of what is painted, and all of them up to an anchor that is asked for
// (a table of contents link). Pieces are whole top-level blocks of the core's sanitised
// Markdown HTML (markdown.hpp: breaks), so each one is balanced HTML; the core keeps them
// until asked (viewer.hpp: piece), so they never go through JSON.

const pending = new WeakMap();  // body element -> state (see paintPieces)

// Piece `i` of `state` as HTML text, fetched once.
function pieceText(state, i) {
  if (!state.texts.has(i)) state.texts.set(i, state.get(i));
  return state.texts.get(i);
}

// Appends the next piece to `body`; returns false when none is left.
function appendNext(state, body) {
  if (state.next >= state.count) return false;
  // Parsed the way innerHTML parses (never createContextualFragment, whose scripts would run).
  const template = document.createElement('template');
  template.innerHTML = pieceText(state, state.next);
  const fragment = template.content;
  state.texts.delete(state.next++);
  if (state.adapt) state.adapt(fragment);
  body.append(fragment);
  if (state.next >= state.count) {
    state.observer.disconnect();
    state.sentinel.remove();
    pending.delete(body);
  }
  return true;
}

// Paints `count` more pieces after what `body` holds, as the reader scrolls: `get(i)` gives
// piece i's HTML, `adapt(fragment)` runs on each before it is inserted (link rewriting).
export function paintPieces(body, count, get, adapt = null) {
  if (!body || !(count > 0)) return;
  const sentinel = document.createElement('div');
  sentinel.className = 'more-pieces';
  sentinel.setAttribute('aria-hidden', 'true');
  body.after(sentinel);
  const state = { count, get, adapt, sentinel, next: 0, texts: new Map(), observer: null };
  // Two screens ahead: the reader never reaches the end before the next piece is there.
  state.observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting) || !body.isConnected) return;
    if (appendNext(state, body) && pending.has(body)) {
      // Still in reach after this piece (a short one): observe again to be told at once.
      state.observer.unobserve(sentinel);
      state.observer.observe(sentinel);
    }
  }, { rootMargin: '0px 0px 200% 0px' });
  state.observer.observe(sentinel);
  pending.set(body, state);
}

// The element of `root` with `id`, painting the pending pieces up to the one that holds it.
// Null when no piece does (nothing is painted then).
export function revealId(root, id) {
  const el = root.getElementById(id);
  if (el) return el;
  if (!/^[a-z0-9-]+$/.test(id)) return null;  // heading ids are slugs (markdown.hpp)
  const attribute = `id="${id}"`;
  for (const body of root.querySelectorAll('.post-body')) {
    const state = pending.get(body);
    if (!state) continue;
    let at = state.next;
    while (at < state.count && !pieceText(state, at).includes(attribute)) at++;
    if (at === state.count) continue;
    while (state.next <= at) appendNext(state, body);
    return root.getElementById(id);
  }
  return null;
}
