// Paints view models (built by the wasm core) into the DOM. Text always goes in through
// textContent; the only HTML inserted is the core's sanitised Markdown output.

// h('a', {href: '#/'}, 'text', child...) -> element. null/false children are skipped.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');

function time(iso, text) {
  return h('time', { datetime: iso }, text);
}

function tagList(tags, label) {
  if (!tags || tags.length === 0) return null;
  return h('ul', { class: 'tags', 'aria-label': label },
    tags.map((t) => h('li', {}, h('a', { href: t.href, rel: 'tag' }, t.name))));
}

function card(item, strings) {
  return h('article', { class: 'card', lang: item.lang },
    item.category && h('p', { class: 'kicker' }, h('a', { href: item.category.href }, item.category.name)),
    h('h2', { class: 'card-title' }, h('a', { href: item.href }, item.title)),
    h('p', { class: 'meta' },
      time(item.date, item.date_text), sep(),
      `${strings.by} `, h('a', { href: item.author.href }, item.author.name), sep(),
      item.reading_time),
    item.summary && h('p', { class: 'summary' }, item.summary),
    tagList(item.tags, strings.tags));
}

function authorCard(author, strings, headingLevel = 'h2') {
  return h('aside', { class: 'author-card', 'aria-label': strings.about_author },
    author.avatar && h('img', { class: 'avatar', src: author.avatar, alt: '', width: 72, height: 72, loading: 'lazy' }),
    h('div', { class: 'author-text' },
      h(headingLevel, { class: 'author-name' }, h('a', { href: author.href }, author.name)),
      author.bio_html && htmlBlock('author-bio', author.bio_html),
      author.links && author.links.length > 0 && h('ul', { class: 'author-links', 'aria-label': strings.links },
        author.links.map((l) => h('li', {}, h('a', { href: l.url, rel: 'me noopener noreferrer' }, l.label))))));
}

// Sanitised HTML from the core (md4c with raw HTML escaped and URLs filtered).
function htmlBlock(cls, html) {
  const div = h('div', { class: cls });
  div.innerHTML = html;
  return div;
}

function pagination(list, strings) {
  if (list.pages <= 1) return null;
  return h('nav', { class: 'pagination', 'aria-label': strings.pagination },
    list.newer ? h('a', { href: list.newer.href, rel: 'prev' }, `← ${list.newer.label}`) : h('span'),
    h('span', { class: 'page-text' }, list.page_text),
    list.older ? h('a', { href: list.older.href, rel: 'next' }, `${list.older.label} →`) : h('span'));
}

function listView(view) {
  const { list, strings } = view;
  return [
    h('header', { class: 'page-header' },
      h('h1', { tabindex: '-1' }, list.heading),
      h('p', { class: 'count' }, list.count_text)),
    list.author && authorCard(list.author, strings),
    list.items.length === 0
      ? h('p', { class: 'empty' }, list.empty_text)
      : h('div', { class: 'cards' }, list.items.map((item) => card(item, strings))),
    pagination(list, strings),
  ];
}

function archiveView(view) {
  const { archive } = view;
  return [
    h('header', { class: 'page-header' },
      h('h1', { tabindex: '-1' }, archive.heading),
      h('p', { class: 'count' }, archive.count_text)),
    archive.years.map((year) => h('section', { class: 'archive-year', 'aria-labelledby': `carnet-year-${year.year}` },
      h('h2', { id: `carnet-year-${year.year}` }, String(year.year), ' ', h('small', {}, `(${year.count_text})`)),
      year.months.map((month) => h('section', { class: 'archive-month' },
        h('h3', {}, month.label),
        h('ul', {}, month.items.map((it) => h('li', {},
          time(it.date, it.date_text), ' ', h('a', { href: it.href }, it.title)))))))),
  ];
}

// Level-3 entries nest under the level-2 entry before them.
function tocList(toc) {
  const root = h('ol');
  let sub = null;
  for (const t of toc) {
    const li = h('li', {}, h('a', { href: t.href }, t.text));
    if (t.level === 3 && root.lastElementChild) {
      if (!sub) root.lastElementChild.append(sub = h('ol'));
      sub.append(li);
    } else {
      root.append(li);
      sub = null;
    }
  }
  return root;
}

function articleView(view) {
  const { article: a, strings } = view;
  const toc = a.toc.filter((t) => t.level >= 2 && t.level <= 3);
  return h('article', { class: 'post', lang: a.lang },
    h('header', { class: 'post-header' },
      a.category && h('p', { class: 'kicker' }, h('a', { href: a.category.href }, a.category.name)),
      h('h1', { tabindex: '-1' }, a.title),
      h('p', { class: 'meta' },
        time(a.date, a.date_text), sep(),
        `${strings.by} `, h('a', { href: a.author.href, rel: 'author' }, a.author.name), sep(),
        a.reading_time),
      a.original && h('p', { class: 'original' },
        `${a.original.label} `, h('a', { href: a.original.url, rel: 'noopener noreferrer' }, a.original.name)),
      tagList(a.tags, strings.tags)),
    toc.length > 1 && h('nav', { class: 'toc', 'aria-labelledby': 'carnet-toc-title' },
      h('h2', { id: 'carnet-toc-title' }, strings.toc),
      tocList(toc)),
    htmlBlock('post-body', a.html),
    authorCard(a.author, strings),
    (a.older || a.newer) && h('nav', { class: 'article-nav', 'aria-label': strings.article_nav },
      a.older ? h('a', { href: a.older.href, rel: 'prev', class: 'older' },
        h('span', { class: 'label' }, `← ${a.older.label}`), h('span', { class: 'title' }, a.older.title)) : h('span'),
      a.newer ? h('a', { href: a.newer.href, rel: 'next', class: 'newer' },
        h('span', { class: 'label' }, `${a.newer.label} →`), h('span', { class: 'title' }, a.newer.title)) : h('span')));
}

function notFoundView(view) {
  const nf = view.notfound;
  return h('section', { class: 'not-found' },
    h('h1', { tabindex: '-1' }, nf.heading),
    h('p', {}, nf.text),
    h('p', {}, h('a', { href: nf.home.href, class: 'button' }, nf.home.label)));
}

// The search page frame; results and facets are painted into it when the worker answers.
function searchView(view) {
  const { search, strings } = view;
  return h('section', { class: 'search-page' },
    h('h1', { tabindex: '-1' }, search.heading),
    h('p', { class: 'search-status', id: 'carnet-search-status' }, strings.search_loading),
    h('div', { class: 'search-layout' },
      h('div', { class: 'search-results', id: 'carnet-search-results' }),
      h('aside', { class: 'facets', id: 'carnet-facets', 'aria-label': strings.filters })));
}

const painters = { list: listView, archive: archiveView, article: articleView, notfound: notFoundView, search: searchView };

function facetGroup(title, entries) {
  if (!entries || entries.length === 0) return null;
  return h('section', { class: 'facet' },
    h('h2', {}, title),
    h('ul', {}, entries.map((e) => h('li', {},
      h('a', { href: e.href, class: e.selected ? 'chip selected' : 'chip', 'aria-current': e.selected ? 'true' : null },
        h('span', { class: 'chip-label' }, e.label), ' ', h('span', { class: 'chip-count' }, String(e.count)))))));
}

// The filter column: sort, date range, facet chips with counts.
export function paintFacets(view, result) {
  const { search, strings } = view;
  const sort = result.sort;
  const dateForm = h('form', { class: 'date-range', id: 'carnet-date-range' },
    h('label', {}, strings.date_from, ' ', h('input', { type: 'date', name: 'from', value: search.from || null })),
    h('label', {}, strings.date_to, ' ', h('input', { type: 'date', name: 'to', value: search.to || null })),
    h('button', { type: 'submit' }, strings.apply));
  return [
    h('section', { class: 'facet sort' },
      h('h2', {}, strings.sort_by),
      h('ul', {},
        h('li', {}, h('a', { href: sort.relevance_href, class: sort.value === 'relevance' ? 'chip selected' : 'chip', 'aria-current': sort.value === 'relevance' ? 'true' : null }, strings.sort_relevance)),
        h('li', {}, h('a', { href: sort.date_href, class: sort.value === 'date' ? 'chip selected' : 'chip', 'aria-current': sort.value === 'date' ? 'true' : null }, strings.sort_date)))),
    facetGroup(strings.facet_category, result.facets.category),
    facetGroup(strings.facet_tag, result.facets.tag),
    facetGroup(strings.facet_author, result.facets.author),
    facetGroup(strings.facet_lang, result.facets.lang),
    facetGroup(strings.facet_year, result.facets.year),
    h('section', { class: 'facet' }, dateForm),
    search.has_filters && h('p', {}, h('a', { href: search.clear_href, class: 'clear-filters' }, strings.clear_filters)),
  ].filter(Boolean);
}

// The result list (title and snippet HTML come escaped from the core, with <mark>s).
export function paintResults(view, result) {
  const { strings } = view;
  const nodes = [];
  if (result.partial) nodes.push(h('p', { class: 'partial' }, strings.partial_results));
  if (result.hits.length === 0) {
    nodes.push(h('p', { class: 'no-results' }, strings.no_results));
    if (result.suggestions.length > 0) {
      nodes.push(h('p', { class: 'suggestions' }, `${strings.did_you_mean} `,
        result.suggestions.map((sg, i) => [i ? ', ' : '', h('a', { href: sg.href }, sg.q)]), strings.question_mark));
    }
    return nodes;
  }
  const list = h('ol', { class: 'hits' });
  for (const hit of result.hits) {
    const title = h('a', { href: hit.href });
    title.innerHTML = hit.title_html;
    const snippet = h('p', { class: 'snippet' });
    snippet.innerHTML = hit.snippet_html;
    list.append(h('li', { class: 'hit', lang: hit.lang },
      h('h2', { class: 'hit-title' }, title),
      h('p', { class: 'meta' }, h('time', { datetime: hit.date }, hit.date_text),
        hit.category && [' · ', h('a', { href: hit.category.href }, hit.category.name)], ' · ', hit.author),
      hit.snippet_html && snippet));
  }
  nodes.push(list);
  return nodes;
}

// The children of <main> for a view.
export function paintView(view) {
  const painter = painters[view.kind];
  if (!painter) throw new Error(`unknown view kind '${view.kind}'`);
  return [painter(view)].flat(2).filter(Boolean);
}

// Site navigation (home, archive, categories), rebuilt with the current route marked.
export function paintNav(view) {
  const items = [
    { href: '#/', label: view.strings.home },
    ...view.categories.map((c) => ({ href: c.href, label: c.name })),
    { href: '#/archive', label: view.strings.archive },
  ];
  return h('ul', {}, items.map((it) => h('li', {},
    h('a', { href: it.href, 'aria-current': it.href === view.route ? 'page' : null }, it.label))));
}

// A message panel for errors that leave nothing to show.
export function errorPanel(title, message) {
  return h('section', { class: 'load-error', role: 'alert' }, h('h1', { tabindex: '-1' }, title), h('p', {}, message));
}
