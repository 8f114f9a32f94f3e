// The Markdown benchmark's engines (bench/markdown/engines.mjs) render a small French article
// into equivalent HTML: the same headings, paragraphs, lists, tables, code, emphasis and
// quotes, and the same visible text. Guards the fairness of `./carnet bench markdown`: a
// misconfigured engine (raw HTML on, a dialect feature off) would do different work.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadEngine, ENGINES } from '../../bench/markdown/engines.mjs';
import { STRUCTURE, outputShape, visibleText } from '../../bench/markdown/check.mjs';

const app = process.env.CARNET_APP;
assert.ok(app, 'CARNET_APP must be set (run through ctest)');

const ARTICLE = `# L’été « indien » à Montréal

Un paragraphe avec de l’*emphase*, du **gras**, du ~~barré~~, du \`code\` et un
[lien](https://exemple.fr/a?b=1&c=2 "Titre") ; des entités &amp; &laquo;citées&raquo;.

## Liste et tâches

- premier élément
- second, avec [un lien relatif](../2024/article.md)
  - imbriqué

1. un
2. deux

> Une citation
> sur deux lignes.

| Colonne | Prix |
|---|---:|
| café | 2,50 € |
| thé | 3 € |

\`\`\`js
const x = "<b>pas du HTML</b>";
\`\`\`

![Une image](images/photo.jpg "Légende")

---

Fin : 12 500 personnes, 98 %.
`;

test('every benchmark engine renders the same structure and text', async () => {
  const shapes = {};
  const texts = {};
  for (const id of ENGINES) {
    const engine = await loadEngine(id, { app });
    const html = engine.render(ARTICLE);
    shapes[id] = outputShape(html);
    texts[id] = visibleText(html);
  }
  const ref = shapes.carnet;
  assert.equal(ref.counts.headings, 2);
  assert.equal(ref.counts.tables, 1);
  assert.equal(ref.counts.code_blocks, 1);
  assert.ok(texts.carnet.includes('L’été « indien » à Montréal'));
  assert.ok(texts.carnet.includes('const x = "<b>pas du HTML</b>";'));  // code stays text
  for (const id of ENGINES) {
    for (const k of STRUCTURE) assert.equal(shapes[id].counts[k], ref.counts[k], `${id}: ${k}`);
    assert.equal(texts[id], texts.carnet, `${id}: visible text`);
  }
});
