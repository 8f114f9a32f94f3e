// lunr: one index per language (lunr-languages' French pipeline — trimmer, stop words,
// Snowball stemmer — for French articles, lunr's English pipeline for English ones), both
// serialized with JSON.stringify(idx) in one file, loaded with lunr.Index.load. A query runs
// on both indexes; results are merged by score.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pkgFile, pkgVersion } from '../../lib/pkg.mjs';
import { STOP_WORDS, fold } from '../queries.mjs';

const require = createRequire(import.meta.url);

export const info = {
  id: 'lunr',
  label: 'lunr',
  config: 'two indexes: French articles with lunr-languages `lunr.fr` (trimmer, stop words, stemmer), English ' +
    'ones with the default English pipeline; ref = slug, fields title (boost 6), meta (3), summary (2), body; ' +
    'no stored fields (lunr cannot store any). Query built with the lunr query API: per word (stop words ' +
    'skipped) an exact/stemmed clause (boost 10), an edit-distance-1 clause for words of 4+ letters, and a ' +
    'trailing wildcard for the last word; lunr combines clauses with OR (it cannot require "any of" ' +
    'several clauses); both indexes queried, merged by score, top 10. No accent folding (lunr has none).',
};
export const needsDocs = true;

export function version() { return `${pkgVersion('lunr')} + lunr-languages ${pkgVersion('lunr-languages')}`; }
export function codeFiles() {
  return [pkgFile('lunr', 'lunr.min.js'), pkgFile('lunr-languages', 'min/lunr.stemmer.support.min.js'),
          pkgFile('lunr-languages', 'min/lunr.fr.min.js')];
}

function loadLunr() {
  const lunr = require('lunr');
  require('lunr-languages/lunr.stemmer.support')(lunr);
  require('lunr-languages/lunr.fr')(lunr);
  return lunr;
}

function makeIndex(lunr, docs, french) {
  return lunr(function () {
    if (french) this.use(lunr.fr);
    this.ref('slug');
    this.field('title', { boost: 6 });
    this.field('meta', { boost: 3 });
    this.field('summary', { boost: 2 });
    this.field('body');
    for (const d of docs) this.add(d);
  });
}

export async function build({ docs, outDir }) {
  const lunr = loadLunr();
  const t0 = performance.now();
  const fr = makeIndex(lunr, docs.filter((d) => d.lang === 'fr'), true);
  const en = makeIndex(lunr, docs.filter((d) => d.lang !== 'fr'), false);
  const json = `{"fr":${JSON.stringify(fr)},"en":${JSON.stringify(en)}}`;
  const build_ms = performance.now() - t0;
  const out = path.join(outDir, 'lunr.json');
  fs.writeFileSync(out, json);
  return { build_ms, index_files: [out] };
}

export async function open({ outDir, afterImport }) {
  const t0 = performance.now();
  const lunr = loadLunr();
  const import_ms = performance.now() - t0;
  const pause = afterImport();
  const t1 = performance.now();
  const data = JSON.parse(fs.readFileSync(path.join(outDir, 'lunr.json'), 'utf8'));
  const indexes = [lunr.Index.load(data.fr), lunr.Index.load(data.en)];
  const load_ms = performance.now() - t1;
  const query = (idx, words) => idx.query((q) => {
    words.forEach((w, i) => {
      q.term(w, { boost: 10 });
      if (w.length >= 4) q.term(w, { editDistance: 1, usePipeline: false, boost: 1 });
      if (i === words.length - 1) q.term(w, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, boost: 1 });
    });
  });
  return {
    import_ms, load_ms, pause,
    search(q) {
      let words = lunr.tokenizer(q.replace(/"/g, ' ')).map((t) => t.toString());
      const content = words.filter((w) => !STOP_WORDS.has(fold(w)));
      if (content.length) words = content;
      if (!words.length) return { total: 0, ids: [] };
      const hits = [...query(indexes[0], words), ...query(indexes[1], words)].sort((a, b) => b.score - a.score);
      return { total: hits.length, ids: hits.slice(0, 10).map((h) => h.ref) };
    },
  };
}
