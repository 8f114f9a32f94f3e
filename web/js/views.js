// DOM for what the core paints (pages: HTML from wasm/core/page_html.hpp) and what stays
// painted here (search results and facets). Text painted here always goes in through
// textContent; the only HTML inserted is the core's.

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
    list.append(h('li', { class: 'hit', lang: hit.lang, 'data-slug': hit.slug },
      h('h2', { class: 'hit-title' }, title),
      h('p', { class: 'meta' }, h('time', { datetime: hit.date }, hit.date_text),
        hit.category && [' · ', h('a', { href: hit.category.href }, hit.category.name)], ' · ', hit.author),
      hit.snippet_html && snippet));
  }
  nodes.push(list);
  return nodes;
}

// Snippets that came after the list was painted (a sharded site: the hits' chunks were
// fetched meanwhile), put into the painted list without repainting it: the reader may be
// on a result. False when the list is not the one painted (then paint it again).
export function addSnippets(container, result) {
  const items = container.querySelectorAll('li.hit');
  if (items.length !== result.hits.length) return false;
  if (result.hits.some((hit, i) => items[i].getAttribute('data-slug') !== hit.slug)) return false;
  result.hits.forEach((hit, i) => {
    if (!hit.snippet_html || items[i].querySelector('.snippet')) return;
    const snippet = h('p', { class: 'snippet' });
    snippet.innerHTML = hit.snippet_html;
    items[i].append(snippet);
  });
  return true;
}

// Page HTML made by the core (wasm/core/page_html.hpp, the renderer static pages use too:
// every text and attribute escaped there) -> nodes.
function parse(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

// The children of <main> for a page.
export function paintView(page) {
  return [...parse(page.html).childNodes];
}

// Site navigation (home, categories, archive), the current route marked.
export function paintNav(page) {
  return parse(page.nav_html);
}

// A message panel for errors that leave nothing to show.
export function errorPanel(title, message) {
  return h('section', { class: 'load-error', role: 'alert' }, h('h1', { tabindex: '-1' }, title), h('p', {}, message));
}
