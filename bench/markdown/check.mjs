// Do the Markdown engines do the same work? Counts of elements and the visible text of each
// engine's HTML, compared with a reference engine's (md4c's own renderer in the benchmark).
// A fast engine that dropped paragraphs or text would show here, not in the throughput.

// Elements counted in every engine's output. Engines spell some differently
// (markdown-wasm writes <b> for strong emphasis).
export const TAGS = {
  headings: /<h[1-6][ >]/g, paragraphs: /<p>/g, links: /<a [^>]*(href|blocked)/g, images: /<img /g,
  tables: /<table[ >]/g, cells: /<t[dh][ >]/g, items: /<li[ >]/g, code_blocks: /<pre[ >]/g,
  strong: /<(strong|b)>/g, emphasis: /<(em|i)>/g, strike: /<(del|s)>/g, quotes: /<blockquote[ >]/g,
  checkboxes: /<input /g,
};

// The counts that must agree across engines. Links and checkboxes depend on the dialect:
// markdown-wasm and md4w add an anchor link to every heading, markdown-it has no task lists
// and links fewer bare URLs.
export const STRUCTURE = ['headings', 'paragraphs', 'images', 'tables', 'cells', 'items', 'code_blocks',
                          'strong', 'emphasis', 'strike', 'quotes'];

export function countTags(html) {
  const counts = {};
  for (const [name, re] of Object.entries(TAGS)) counts[name] = (html.match(re) ?? []).length;
  return counts;
}

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', laquo: '«', raquo: '»' };

// The text a reader sees: tags removed, character references decoded, white space collapsed.
export function visibleText(html) {
  return html.replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (ref, body) => {
      if (body[0] !== '#') return NAMED[body] ?? ref;
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      return String.fromCodePoint(cp);
    })
    .replace(/\s+/g, ' ').trim();
}

// {counts, text_chars} of an engine's HTML for the whole set.
export function outputShape(html) {
  return { counts: countTags(html), text_chars: [...visibleText(html)].length };
}

// "ok", or what differs from the reference's shape: any structural count, or the visible
// text's length by more than `tolerance` (heading anchors and autolink spellings move it a
// little).
export function compareShapes(shape, reference, tolerance = 0.01) {
  const diffs = [];
  for (const k of STRUCTURE) {
    if (shape.counts[k] !== reference.counts[k]) diffs.push(`${k} ${shape.counts[k]} vs ${reference.counts[k]}`);
  }
  const rel = Math.abs(shape.text_chars - reference.text_chars) / Math.max(1, reference.text_chars);
  if (rel > tolerance) diffs.push(`visible text ${shape.text_chars} vs ${reference.text_chars} characters`);
  return diffs.length ? `differs: ${diffs.join(', ')}` : 'ok';
}
