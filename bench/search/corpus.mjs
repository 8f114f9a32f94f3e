// Deterministic blog corpus generator: French and English articles of realistic length,
// drawn from Debian's word lists (wfrench, wamerican) with Zipf-like word frequencies,
// per-article topic words (burstiness), common collocations, French elisions, Markdown
// bodies with headings, lists and bold words.
//
// Article i depends only on (seed, i): the 10k corpus is the first 10k articles of the 100k
// one. Corpora are cached under build/bench/corpus-<size>-<seed>/ as
//   articles.ndjson  one article a line {slug,title,date,author,category,tags,lang,summary,body}
//   bundle.json      the same articles as a Carnet bundle (docs/bundle-format.md)
//   meta.json        generator version, word-list checksums, counts
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import readline from 'node:readline';

import { AliasTable, Rng, zipfWeights } from '../lib/prng.mjs';

export const GENERATOR_VERSION = 3;
export const DEFAULT_SEED = 'carnet-bench-1';

const DICTS = { fr: '/usr/share/dict/french', en: '/usr/share/dict/american-english' };
const FRENCH_SHARE = 0.7;           // 70% French articles, 30% English
const VOCAB_SIZE = { fr: 150000, en: 60000 };
const ZIPF_S = 1.0;
const TOPIC_SHARE = 0.08;           // share of body words drawn from the article's topic words
const COLLOCATION_RATE = 0.08;      // share of sentences holding a common collocation

// Most frequent words first (rank 1, 2, ...): function words, as in real text.
const FUNCTION_WORDS = {
  fr: `de la le et les des à en un une du que qui est pour dans sur pas au par plus ce il ne se
       avec sont on mais nous son sa ses ou comme leur aux cette tout été très elle fait bien aussi
       peut sans deux même entre autres encore alors donc où dont après avant depuis chaque notre
       vous nos ils elles faire mieux moins toujours souvent parfois ainsi car si leurs cela ces cet
       votre tous toutes quand comment pourquoi lui y`.split(/\s+/).filter(Boolean),
  en: `the of and to a in is that for it on with as was be by this are or from at an but not have
       has they you we can more their which one all will about your there been if would so what
       also when into our other than some could them these its out up only just how most over
       very even such well because many then both each those through while where much`.split(/\s+/).filter(Boolean),
};

// Topic words the fixed query set relies on, at fixed frequency ranks (after function words).
// [word, rank]
const TOPIC_WORDS = {
  fr: [
    ['stratégie', 140], ['contenu', 150], ['réseaux', 160], ['sociaux', 175], ['publicité', 190],
    ['audience', 210], ['marque', 230], ['communauté', 250], ['vidéo', 270], ['campagne', 300],
    ['données', 330], ['clients', 360], ['analyse', 400], ['engagement', 440], ['calendrier', 480],
    ['publication', 520], ['entreprise', 560], ['message', 600], ['événement', 650], ['influence', 700],
    ['algorithme', 760], ['éditoriale', 820], ['campagnes', 900], ['vidéos', 980], ['éditorial', 1050],
    ['référencement', 1150], ['employeur', 1300], ['numérique', 1400], ['lecteurs', 1500],
    ['événements', 1650], ['visibilité', 1800], ['tendances', 2000], ['stratégies', 2300],
    ['créativité', 2600], ['hippopotame', 40000], ['ornithorynque', 80000],
  ],
  en: [
    ['content', 110], ['social', 120], ['media', 130], ['strategy', 150], ['audience', 170],
    ['brand', 190], ['marketing', 210], ['campaign', 240], ['data', 270], ['customer', 300],
    ['engagement', 340], ['service', 380], ['newsletter', 450], ['awareness', 520], ['campaigns', 600],
    ['strategies', 700], ['algorithm', 800], ['influencer', 950], ['serendipity', 30000],
  ],
};

const COLLOCATIONS = {
  fr: ['réseaux sociaux', 'stratégie éditoriale', 'marque employeur', 'calendrier éditorial',
       'analyse des données', 'service client', 'campagne de publicité', 'contenu vidéo'],
  en: ['social media', 'content marketing', 'brand awareness', 'customer service',
       'email newsletter', 'marketing strategy', 'data analysis'],
};

const CATEGORIES = ['Stratégie', 'Réseaux sociaux', 'Publicité', 'Vidéo', 'Données', 'Communauté',
                    'Écriture', 'Outils'];
const FIRST_NAMES = ['Camille', 'Louis', 'Léa', 'Hugo', 'Chloé', 'Jules', 'Manon', 'Arthur', 'Inès',
                     'Noah', 'Emma', 'Lucas', 'Sarah', 'Gabriel', 'Zoé', 'Adam', 'Alice', 'Nathan',
                     'Jade', 'Victor'];
const LAST_NAMES = ['Durand', 'Martin', 'Bernard', 'Petit', 'Moreau', 'Lefèvre', 'Garnier', 'Roux',
                    'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau',
                    'Vincent', 'Muller', 'Faure', 'André', 'Mercier'];
const WORD_RE = /^[a-zàâäçéèêëîïôöùûüÿœæ]{2,18}$/;
const VOWEL_START = /^[aeiouyhàâäéèêëîïôöùûü]/;

function sha256File(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function asciiSlug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function capitalize(w) { return w.charAt(0).toUpperCase() + w.slice(1); }

// The ranked vocabulary of one language and its Zipf sampler (also used by bench/markdown).
export function buildLanguage(lang, seed) {
  const file = DICTS[lang];
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: install the Debian package ${lang === 'fr' ? 'wfrench' : 'wamerican'} (./carnet bench does)`);
  }
  const reserved = new Set([...FUNCTION_WORDS[lang], ...TOPIC_WORDS[lang].map(([w]) => w)]);
  const pool = [];
  for (const w of fs.readFileSync(file, 'utf8').split('\n')) {
    if (WORD_RE.test(w) && !reserved.has(w)) pool.push(w);
  }
  // Frequent words tend to be short: order the pool by length plus noise, deterministically.
  const rng = new Rng(`${seed}:vocab:${lang}`);
  const keyed = pool.map((w) => [w.length + rng.next() * 9, w]);
  keyed.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  const size = Math.min(VOCAB_SIZE[lang], keyed.length + reserved.size);
  const words = new Array(size);
  const fw = FUNCTION_WORDS[lang];
  for (let i = 0; i < fw.length; i++) words[i] = fw[i];
  const base = fw.length;
  for (const [w, rank] of TOPIC_WORDS[lang]) words[base + rank] = w;
  let k = 0;
  for (let i = base; i < size; i++) if (words[i] === undefined) words[i] = keyed[k++][1];
  // Tags: one or two words of the topical range, shared by the whole corpus.
  const tagRng = new Rng(`${seed}:tags:${lang}`);
  const tagCount = lang === 'fr' ? 210 : 90;
  const tags = new Set();
  for (const [w, rank] of TOPIC_WORDS[lang]) if (rank < 3000) tags.add(w);
  while (tags.size < tagCount) {
    const a = words[base + 100 + tagRng.int(3000)];
    tags.add(tagRng.chance(0.3) ? `${a} ${words[base + 100 + tagRng.int(3000)]}` : a);
  }
  return {
    lang,
    words,
    base,
    zipf: new AliasTable(zipfWeights(size, ZIPF_S)),
    tags: [...tags],
    tagPick: new AliasTable(zipfWeights(tags.size, 0.8)),
    collocations: COLLOCATIONS[lang],
  };
}

const AUTHORS = Array.from({ length: 20 }, (_, i) => {
  const name = `${FIRST_NAMES[i]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`;
  return { id: asciiSlug(name), name };
});
const CATEGORY_PICK = new AliasTable(zipfWeights(CATEGORIES.length, 0.7));
const DAY_MS = 86400000;
const FIRST_DAY = Date.UTC(2015, 0, 1);

// One article, from (seed, i) alone.
function makeArticle(L, seed, i) {
  const rng = new Rng(`${seed}:article:${i}`);
  const lg = rng.chance(FRENCH_SHARE) ? L.fr : L.en;
  const { words, base } = lg;
  const topic = Array.from({ length: 12 }, () => words[base + 40 + rng.int(6000)]);
  const tagCount = rng.range(2, 4);
  const tags = [];
  while (tags.length < tagCount) {
    const t = lg.tags[lg.tagPick.sample(rng)];
    if (!tags.includes(t)) tags.push(t);
  }
  for (const t of tags) topic.push(...t.split(' '));
  const word = () => (rng.next() < TOPIC_SHARE ? topic[rng.int(topic.length)] : words[lg.zipf.sample(rng)]);

  let count = 0;   // body words written
  const sentence = () => {
    const n = rng.range(6, 22);
    const out = [];
    for (let k = 0; k < n; k++) out.push(word());
    if (rng.chance(COLLOCATION_RATE)) out.splice(rng.int(out.length), 0, rng.pick(lg.collocations));
    if (lg.lang === 'fr') {    // elisions: l'audience, d'abord, qu'elle
      for (let k = 0; k < out.length - 1; k++) {
        const w = out[k];
        if ((w === 'le' || w === 'la' || w === 'de' || w === 'que') && VOWEL_START.test(out[k + 1])) {
          out[k] = `${w === 'que' ? 'qu' : w[0]}'${out[k + 1]}`;
          out.splice(k + 1, 1);
        }
      }
    }
    for (let k = 0; k < out.length - 1; k++) {
      if (rng.chance(0.06)) out[k] += ',';
      else if (rng.chance(0.015)) out[k] = `**${out[k]}**`;
    }
    const text = out.join(' ');
    count += text.split(/[ ']/).length;
    const end = rng.chance(0.05) ? (lg.lang === 'fr' ? ' ?' : '?') : '.';
    return `${capitalize(text)}${end}`;
  };
  const phrase = (lo, hi) => {
    const out = [];
    const n = rng.range(lo, hi);
    for (let k = 0; k < n; k++) out.push(word());
    count += n;
    return capitalize(out.join(' '));
  };

  const titleWords = [];
  const titleLen = rng.range(4, 9);
  while (titleWords.length < titleLen) {
    const w = titleWords.length === 0 || rng.chance(0.3) ? topic[rng.int(topic.length)] : words[lg.zipf.sample(rng)];
    titleWords.push(w);
  }
  const title = capitalize(titleWords.join(' '));

  const target = rng.range(800, 1500);
  const blocks = [];
  let sinceHeading = 0;
  let summary = '';
  while (count < target) {
    if (blocks.length > 0 && sinceHeading >= rng.range(3, 5)) {
      blocks.push(`## ${phrase(2, 6)}`);
      sinceHeading = 0;
    }
    if (blocks.length > 1 && rng.chance(0.1)) {
      const items = rng.range(3, 5);
      const list = [];
      for (let k = 0; k < items; k++) list.push(`- ${phrase(3, 8)}`);
      blocks.push(list.join('\n'));
    } else {
      const sentences = [];
      const n = rng.range(2, 6);
      for (let k = 0; k < n; k++) sentences.push(sentence());
      const para = sentences.join(' ');
      if (!summary) summary = para.replace(/\*\*/g, '');
      blocks.push(para);
    }
    sinceHeading++;
  }
  const date = new Date(FIRST_DAY + rng.int(3653) * DAY_MS).toISOString().slice(0, 10);
  return {
    slug: `${asciiSlug(titleWords.slice(0, 4).join(' '))}-${i.toString(36)}`,
    title,
    date,
    author: AUTHORS[rng.int(AUTHORS.length)].id,
    category: CATEGORIES[CATEGORY_PICK.sample(rng)],
    tags,
    lang: lg.lang,
    summary,
    body: `${blocks.join('\n\n')}\n`,
    words: count,
  };
}

class BufferedWriter {
  constructor(file) { this.fd = fs.openSync(file, 'w'); this.parts = []; this.size = 0; this.bytes = 0; }
  write(s) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    fs.writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }
  close() { this.flush(); fs.closeSync(this.fd); }
}

export function corpusDir(root, size, seed) { return path.join(root, `corpus-${size}-${seed}`); }

// Makes (or reuses) the corpus of `size` articles. Returns {dir, meta}.
export function ensureCorpus(root, size, seed = DEFAULT_SEED, log = () => {}) {
  const dir = corpusDir(root, size, seed);
  const dictSums = Object.fromEntries(Object.entries(DICTS).map(([l, f]) => [l, fs.existsSync(f) ? sha256File(f) : null]));
  const metaFile = path.join(dir, 'meta.json');
  if (fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    if (meta.generator === GENERATOR_VERSION && meta.size === size && meta.seed === seed &&
        JSON.stringify(meta.dicts) === JSON.stringify(dictSums)) {
      return { dir, meta };
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  log(`generating corpus: ${size} articles (seed ${seed}) in ${path.relative(process.cwd(), dir)}`);
  const L = { fr: buildLanguage('fr', seed), en: buildLanguage('en', seed) };
  const ndjson = new BufferedWriter(path.join(dir, 'articles.ndjson'));
  const artPart = new BufferedWriter(path.join(dir, 'articles.part'));
  const bodyPart = new BufferedWriter(path.join(dir, 'bodies.part'));
  let words = 0;
  let fr = 0;
  for (let i = 0; i < size; i++) {
    const a = makeArticle(L, seed, i);
    words += a.words;
    if (a.lang === 'fr') fr++;
    const { body, ...meta } = a;
    ndjson.write(`${JSON.stringify(a)}\n`);
    artPart.write(`${i ? ',\n' : ''}${JSON.stringify(meta)}`);
    bodyPart.write(`${i ? ',\n' : ''}${JSON.stringify(a.slug)}:${JSON.stringify(body)}`);
    if ((i + 1) % 10000 === 0) log(`  ${i + 1}/${size} articles`);
  }
  ndjson.close();
  artPart.close();
  bodyPart.close();
  // bundle.json = header + articles + bodies, streamed together.
  const bundle = path.join(dir, 'bundle.json');
  const fd = fs.openSync(bundle, 'w');
  const site = { format: 'carnet-bundle', version: 1, generator: `carnet bench corpus v${GENERATOR_VERSION}`,
                 site: { title: 'Carnet bench', lang: 'fr' }, authors: AUTHORS };
  fs.writeSync(fd, `${JSON.stringify(site).slice(0, -1)},"articles":[\n`);
  const copy = (file) => {
    const buf = Buffer.allocUnsafe(1 << 22);
    const src = fs.openSync(file, 'r');
    let n;
    while ((n = fs.readSync(src, buf, 0, buf.length, null)) > 0) fs.writeSync(fd, buf, 0, n);
    fs.closeSync(src);
    fs.rmSync(file);
  };
  copy(path.join(dir, 'articles.part'));
  fs.writeSync(fd, '\n],"bodies":{\n');
  copy(path.join(dir, 'bodies.part'));
  fs.writeSync(fd, '\n}}\n');
  fs.closeSync(fd);
  const meta = {
    generator: GENERATOR_VERSION, size, seed, dicts: dictSums, articles: size, french: fr, english: size - fr,
    words, bundle_bytes: fs.statSync(bundle).size, ms: Math.round(performance.now() - t0),
  };
  fs.writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  log(`  corpus ready: ${words} words, ${(meta.bundle_bytes / 1e6).toFixed(0)} MB bundle, ${(meta.ms / 1000).toFixed(1)} s`);
  return { dir, meta };
}

// Markdown body -> plain text (the generator's Markdown only uses headings, lists and bold).
export function plainText(markdown) {
  return markdown.replace(/^#{1,6} /gm, '').replace(/^- /gm, '').replace(/\*\*/g, '');
}

// Streams the articles of a corpus: fn(article, index).
export async function forEachArticle(dir, fn) {
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(dir, 'articles.ndjson'), { highWaterMark: 1 << 22 }), crlfDelay: Infinity });
  let i = 0;
  for await (const line of rl) {
    if (line) fn(JSON.parse(line), i++);
  }
}

// The documents every JS engine indexes: the same fields Carnet indexes.
// With `markdown`, the Markdown body is kept too (Pagefind indexes HTML made from it).
export async function loadDocuments(dir, { markdown = false } = {}) {
  const docs = [];
  await forEachArticle(dir, (a, i) => {
    docs.push({
      ...(markdown ? { markdown: a.body } : {}),
      id: i,
      slug: a.slug,
      lang: a.lang,
      title: a.title,
      meta: [a.category, ...a.tags].join('\n'),
      summary: a.summary,
      body: plainText(a.body),
    });
  });
  return docs;
}
