// Deterministic Markdown article set for the Markdown benchmark: blog articles as people
// write them, 70 % French (accents, typographic apostrophes ’, « guillemets » and the
// no-break spaces of French punctuation) and 30 % English, with headings, wrapped
// paragraphs, emphasis, inline code, links (absolute, relative, autolinks), images, lists
// (nested, ordered, task lists), block quotes, fenced code, GFM tables and a few entities.
// Words come from Debian's word lists through the search corpus' Zipf vocabulary.
//
// Article i depends only on (seed, i); the quick set is the first articles of the full one.
// Both sets also hold the hand-written articles of the repository's content/ folder (their
// Markdown body, front matter removed).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Rng } from '../lib/prng.mjs';
import { asciiSlug, buildLanguage } from '../search/corpus.mjs';

export const MARKDOWN_CORPUS_VERSION = 2;
export const DEFAULT_SEED = 'carnet-markdown-1';
export const SET_SIZES = { quick: 60, full: 150 };

const NBSP = '\u00A0';
const NNBSP = '\u202F';   // narrow no-break space: before ; : ! ? and in 12 500
const LANGS = ['js', 'python', 'bash', 'json', 'html', 'css', 'sql', ''];
const EXT_HOSTS = ['https://www.exemple.fr', 'https://blog.example.org', 'https://fr.wikipedia.org/wiki',
                   'http://docs.example.com', 'https://github.com/carnet'];

// Article shapes: [share, kind, min bytes, max bytes]. Long French articles are the norm of
// a French blog's "dossiers"; notes are short.
const KINDS = [[0.2, 'long', 30000, 70000], [0.55, 'article', 6000, 16000], [0.25, 'note', 1200, 3500]];

function capitalize(w) { return w.charAt(0).toUpperCase() + w.slice(1); }

class Writer {
  constructor(L, rng, lang) {
    this.L = L;
    this.rng = rng;
    this.lang = lang;
    const lg = L[lang];
    this.topic = Array.from({ length: 14 }, () => lg.words[lg.base + 40 + rng.int(5000)]);
  }

  word() {
    const { rng } = this;
    const lg = this.L[this.lang];
    return rng.chance(0.08) ? rng.pick(this.topic) : lg.words[lg.zipf.sample(rng)];
  }

  words(lo, hi) {
    const out = [];
    for (let n = this.rng.range(lo, hi); out.length < n;) out.push(this.word());
    return out;
  }

  // An inline element or a plain word.
  inline(w) {
    const { rng } = this;
    const r = rng.next();
    if (r < 0.025) return `**${w}**`;
    if (r < 0.045) return `*${w}*`;
    if (r < 0.05) return `_${w}_`;
    if (r < 0.06) return `\`${asciiSlug(w).replace(/-/g, '_') || 'x'}()\``;
    if (r < 0.072) {
      const label = [w, ...this.words(0, 3)].join(' ');
      const title = rng.chance(0.2) ? ` "${capitalize(this.word())}"` : '';
      return `[${label}](${rng.pick(EXT_HOSTS)}/${asciiSlug(label) || 'page'}${title})`;
    }
    if (r < 0.077) return `[${w}](../${2015 + rng.int(10)}/${asciiSlug(w) || 'article'}.md)`;
    if (r < 0.079) return `[${w}](#${asciiSlug(this.word()) || 'section'})`;
    if (r < 0.081) return `<${rng.pick(EXT_HOSTS)}/${asciiSlug(w) || 'x'}>`;
    if (r < 0.082) return `www.example.com/${asciiSlug(w) || 'x'}`;
    if (r < 0.083) return `~~${w}~~`;
    if (r < 0.084) return `${w} &amp;`;
    if (r < 0.0845) return `&laquo;${w}&raquo;`;
    return w;
  }

  sentence() {
    const { rng } = this;
    const fr = this.lang === 'fr';
    const ws = this.words(6, 24);
    if (fr) {   // elisions with the typographic apostrophe: l’audience, d’abord, qu’elle
      for (let k = 0; k < ws.length - 1; k++) {
        const w = ws[k];
        if (['le', 'la', 'de', 'que', 'ne', 'se'].includes(w) && /^[aeiouyhàâéèêîôû]/.test(ws[k + 1])) {
          ws[k] = `${w === 'que' ? 'qu' : w[0]}’${ws[k + 1]}`;
          ws.splice(k + 1, 1);
        }
      }
      if (rng.chance(0.06)) ws.splice(rng.int(ws.length), 0, `c’est`);
      if (rng.chance(0.04)) ws.splice(rng.int(ws.length), 0, `aujourd’hui`);
    } else if (rng.chance(0.1)) {
      ws.splice(rng.int(ws.length), 0, rng.pick(["it's", "don't", "we're", "isn't"]));
    }
    let parts = ws.map((w) => this.inline(w));
    for (let k = 1; k < parts.length - 1; k++) if (rng.chance(0.07)) parts[k] += ',';
    if (rng.chance(0.06)) {   // an aside between dashes, a quotation, a figure
      const i = rng.int(parts.length);
      parts.splice(i, 0, `— ${this.words(2, 5).join(' ')} —`);
    }
    if (rng.chance(0.05)) {
      const q = this.words(2, 6).join(' ');
      parts.push(fr ? `«${NBSP}${q}${NBSP}»` : `“${q}”`);
    }
    if (rng.chance(0.05)) {
      const n = rng.range(1000, 250000).toString().replace(/\B(?=(\d{3})+(?!\d))/g, fr ? NNBSP : ',');
      parts.push(fr ? `${n}${NBSP}€` : `$${n}`);
    }
    if (rng.chance(0.03)) parts.push(fr ? `${rng.range(2, 98)}${NBSP}%` : `${rng.range(2, 98)}%`);
    const text = capitalize(parts.join(' '));
    const end = rng.next();
    if (end < 0.06) return `${text}${fr ? `${NNBSP}?` : '?'}`;
    if (end < 0.09) return `${text}${fr ? `${NNBSP}!` : '!'}`;
    if (end < 0.12) return `${text}…`;
    if (end < 0.16 && fr) return `${text}${NNBSP}: ${this.words(3, 8).join(' ')}.`;
    return `${text}.`;
  }

  // A paragraph wrapped at ~80 columns, as editors save them; sometimes a hard break.
  paragraph(lo = 2, hi = 6) {
    const sentences = [];
    for (let n = this.rng.range(lo, hi); sentences.length < n;) sentences.push(this.sentence());
    const lines = [];
    let line = '';
    for (const token of sentences.join(' ').split(' ')) {
      if (line && line.length + token.length > 78) {
        lines.push(this.rng.chance(0.01) ? `${line}  ` : line);
        line = token;
      } else {
        line = line ? `${line} ${token}` : token;
      }
    }
    if (line) lines.push(line);
    return lines.join('\n');
  }

  heading(level) {
    const { rng } = this;
    let text = capitalize(this.words(2, 7).join(' '));
    if (rng.chance(0.1)) text = rng.pick(this.lang === 'fr' ? ['Conclusion', 'Pour aller plus loin', 'En résumé', 'Qu’en retenir ?'] : ['Conclusion', 'Further reading', 'Summary']);
    if (rng.chance(0.08)) text += ` : \`${asciiSlug(this.word()) || 'x'}\``;
    return `${'#'.repeat(level)} ${text}`;
  }

  list() {
    const { rng } = this;
    const kind = rng.next();
    const items = [];
    const n = rng.range(3, 7);
    for (let k = 0; k < n; k++) {
      const text = rng.chance(0.3) ? this.sentence() : capitalize(this.words(3, 10).map((w) => this.inline(w)).join(' '));
      if (kind < 0.55) items.push(`- ${text}`);
      else if (kind < 0.85) items.push(`${k + 1}. ${text}`);
      else items.push(`- [${rng.chance(0.5) ? 'x' : ' '}] ${text}`);
      if (kind < 0.85 && rng.chance(0.15)) {
        const sub = rng.range(2, 3);
        for (let s = 0; s < sub; s++) items.push(`${kind < 0.55 ? '  ' : '   '}- ${capitalize(this.words(2, 6).join(' '))}`);
      }
    }
    return items.join('\n');
  }

  quote() {
    const paras = [this.paragraph(1, 3)];
    if (this.rng.chance(0.3)) paras.push(`— ${capitalize(this.words(2, 3).join(' '))}`);
    return paras.map((p) => p.split('\n').map((l) => `> ${l}`).join('\n')).join('\n>\n');
  }

  code() {
    const { rng } = this;
    const lang = rng.pick(LANGS);
    const id = () => asciiSlug(this.word()).replace(/-/g, '_') || 'valeur';
    const lines = [];
    for (let n = rng.range(4, 18); lines.length < n;) {
      const a = id();
      const b = id();
      switch (lang) {
        case 'python': lines.push(rng.chance(0.3) ? `def ${a}(${b}):` : `    ${a} = [x for x in ${b} if x > ${rng.int(100)}]  # ${this.word()}`); break;
        case 'bash': lines.push(`${rng.pick(['grep -r', 'curl -s', 'ls -la', 'echo'])} "${a}" | ${rng.pick(['wc -l', 'sort -u', 'head -n 5'])} > /tmp/${b}.txt && echo "ok"`); break;
        case 'json': lines.push(`  "${a}": {"${b}": ${rng.int(1000)}, "actif": ${rng.chance(0.5)}, "nom": "${this.word()}"},`); break;
        case 'html': lines.push(`<div class="${a}"><a href="/${b}?x=1&y=2">${this.word()}</a></div>`); break;
        case 'css': lines.push(`.${a} > .${b} { margin: ${rng.int(40)}px; color: #${rng.int(0xffffff).toString(16).padStart(6, '0')}; }`); break;
        case 'sql': lines.push(`SELECT ${a}, COUNT(*) FROM ${b} WHERE ${a} <> '${this.word()}' GROUP BY ${a};`); break;
        default: lines.push(rng.chance(0.3) ? `function ${a}(${b}) {` : `  const ${a} = ${b}.filter((x) => x.${id()} >= ${rng.int(100)} && x !== "${this.word()}");`);
      }
    }
    return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
  }

  table() {
    const { rng } = this;
    const cols = rng.range(3, 6);
    const rows = rng.range(3, 12);
    const aligns = Array.from({ length: cols }, (_, c) => (c === 0 ? '---' : rng.pick(['---', ':---', ':---:', '---:'])));
    const head = Array.from({ length: cols }, () => capitalize(this.words(1, 2).join(' ')));
    const out = [`| ${head.join(' | ')} |`, `|${aligns.join('|')}|`];
    for (let r = 0; r < rows; r++) {
      const cells = Array.from({ length: cols }, (_, c) => {
        if (c > 0 && rng.chance(0.4)) return this.lang === 'fr' ? `${rng.range(1, 9999).toString()}${NBSP}€` : `${rng.range(1, 9999)}`;
        if (rng.chance(0.1)) return `\`${asciiSlug(this.word()) || 'x'}\``;
        return this.words(1, 4).map((w) => this.inline(w)).join(' ');
      });
      out.push(`| ${cells.join(' | ')} |`);
    }
    return out.join('\n');
  }

  image() {
    const w = this.word();
    const title = this.rng.chance(0.4) ? ` "${capitalize(this.words(2, 5).join(' '))}"` : '';
    return `![${capitalize(this.words(2, 6).join(' '))}](../../images/${asciiSlug(w) || 'image'}.${this.rng.pick(['png', 'jpg', 'svg', 'webp'])}${title})`;
  }
}

function makeArticle(L, seed, i) {
  const rng = new Rng(`${seed}:md:${i}`);
  const lang = rng.chance(0.7) ? 'fr' : 'en';
  let pick = rng.next();
  let kind = KINDS[KINDS.length - 1];
  for (const k of KINDS) {
    if (pick < k[0]) { kind = k; break; }
    pick -= k[0];
  }
  // The long ones are French: the benchmark must weigh long French text.
  const w = new Writer(L, rng, kind[1] === 'long' ? 'fr' : lang);
  const target = rng.range(kind[2], kind[3]);
  const blocks = [w.paragraph(2, 4)];
  let size = blocks[0].length;
  let sinceHeading = 1;
  while (size < target) {
    let b;
    if (sinceHeading >= rng.range(3, 6)) {
      b = w.heading(rng.chance(0.25) ? 3 : 2);
      sinceHeading = 0;
    } else {
      const r = rng.next();
      if (r < 0.6) b = w.paragraph();
      else if (r < 0.72) b = w.list();
      else if (r < 0.78) b = w.code();
      else if (r < 0.84) b = w.table();
      else if (r < 0.89) b = w.quote();
      else if (r < 0.94) b = w.image();
      else if (r < 0.96) b = '---';
      else b = w.paragraph(1, 2);
      sinceHeading++;
    }
    blocks.push(b);
    size += b.length + 2;
  }
  return { name: `${kind[1]}-${w.lang}-${i}`, lang: w.lang, kind: kind[1], text: `${blocks.join('\n\n')}\n` };
}

const CONTENT_POSTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'content', 'posts');

// The articles of content/posts, sorted by path: [{name, lang, kind: 'content', text}].
export function contentArticles(dir = CONTENT_POSTS) {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.md')).sort();
  return files.map((f) => {
    const raw = fs.readFileSync(path.join(dir, f), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n/.exec(raw);
    const lang = (m && /^lang:\s*(\w+)/m.exec(m[1])?.[1]) || 'fr';
    return { name: `content-${f.replace(/\.md$/, '').replace(/\//g, '-')}`, lang, kind: 'content', text: m ? raw.slice(m[0].length) : raw };
  });
}

// The article set: {seed, articles: [{name, lang, kind, text}], bytes (UTF-8), counts}.
export function makeMarkdownSet({ quick = false, seed = DEFAULT_SEED } = {}) {
  const L = { fr: buildLanguage('fr', seed), en: buildLanguage('en', seed) };
  const n = quick ? SET_SIZES.quick : SET_SIZES.full;
  const articles = [...Array.from({ length: n }, (_, i) => makeArticle(L, seed, i)), ...contentArticles()];
  const bytes = articles.reduce((s, a) => s + Buffer.byteLength(a.text), 0);
  const count = (f) => articles.filter(f).length;
  return {
    seed, version: MARKDOWN_CORPUS_VERSION, articles, bytes,
    french: count((a) => a.lang === 'fr'), english: count((a) => a.lang === 'en'),
    long: count((a) => a.kind === 'long'), content: count((a) => a.kind === 'content'),
    largest: Math.max(...articles.map((a) => Buffer.byteLength(a.text))),
  };
}
