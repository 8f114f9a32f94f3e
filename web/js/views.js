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
  for (const child of children.flat()) {
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

const painters = { list: listView, archive: archiveView, article: articleView, notfound: notFoundView };

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
