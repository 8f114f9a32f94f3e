// The fixed query set, the same for every engine and corpus size. Each query is typed as a
// reader would type it in a search box (no trailing space: the last word may be incomplete).
// `kind` groups them in the report. The corpus generator places the words used here at fixed
// frequency ranks (bench/search/corpus.mjs, TOPIC_WORDS and COLLOCATIONS).
export const QUERIES = [
  // French, single words, common
  { q: 'stratégie', kind: 'common word', lang: 'fr' },
  { q: 'réseaux', kind: 'common word', lang: 'fr' },
  { q: 'publicité', kind: 'common word', lang: 'fr' },
  { q: 'données', kind: 'common word', lang: 'fr' },
  { q: 'calendrier', kind: 'common word', lang: 'fr' },
  // French accented words typed without accents
  { q: 'strategie', kind: 'no accents', lang: 'fr' },
  { q: 'reseaux', kind: 'no accents', lang: 'fr' },
  { q: 'publicite', kind: 'no accents', lang: 'fr' },
  { q: 'evenement', kind: 'no accents', lang: 'fr' },
  { q: 'donnees', kind: 'no accents', lang: 'fr' },
  { q: 'événement', kind: 'accented word', lang: 'fr' },
  // singular / plural
  { q: 'campagne', kind: 'singular', lang: 'fr' },
  { q: 'campagnes', kind: 'plural', lang: 'fr' },
  { q: 'vidéo', kind: 'singular', lang: 'fr' },
  { q: 'vidéos', kind: 'plural', lang: 'fr' },
  // rare words
  { q: 'hippopotame', kind: 'rare word', lang: 'fr' },
  { q: 'ornithorynque', kind: 'rare word', lang: 'fr' },
  // several words
  { q: 'réseaux sociaux', kind: 'two words', lang: 'fr' },
  { q: 'stratégie éditoriale', kind: 'two words', lang: 'fr' },
  { q: 'marque employeur', kind: 'two words', lang: 'fr' },
  { q: 'calendrier de publication', kind: 'three words', lang: 'fr' },
  { q: 'analyse des données clients', kind: 'three words', lang: 'fr' },
  // one-letter typos
  { q: 'stratgie', kind: 'typo', lang: 'fr' },
  { q: 'algoritme', kind: 'typo', lang: 'fr' },
  { q: 'calendreir', kind: 'typo', lang: 'fr' },
  // prefixes (incomplete last word)
  { q: 'strat', kind: 'prefix', lang: 'fr' },
  { q: 'référen', kind: 'prefix', lang: 'fr' },
  { q: 'réseaux soc', kind: 'prefix', lang: 'fr' },
  // quoted phrases
  { q: '"réseaux sociaux"', kind: 'phrase', lang: 'fr' },
  { q: '"marque employeur"', kind: 'phrase', lang: 'fr' },
  // gibberish
  { q: 'xqzvtrplk', kind: 'gibberish', lang: 'fr' },
  // English
  { q: 'content', kind: 'common word', lang: 'en' },
  { q: 'strategy', kind: 'singular', lang: 'en' },
  { q: 'strategies', kind: 'plural', lang: 'en' },
  { q: 'social media', kind: 'two words', lang: 'en' },
  { q: 'content marketing strategy', kind: 'three words', lang: 'en' },
  { q: 'audiance', kind: 'typo', lang: 'en' },
  { q: 'engag', kind: 'prefix', lang: 'en' },
  { q: 'serendipity', kind: 'rare word', lang: 'en' },
  { q: '"social media"', kind: 'phrase', lang: 'en' },
];

// The query timed as "time to first result".
export const FIRST_QUERY = 'stratégie';

// Function words the JS engines drop (the same list as Carnet's tokenizer, wasm/core/tokenize.cpp,
// plus the French elided forms l' d' j' ... that a plain tokenizer leaves as one-letter words).
export const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'au', 'aux', 'be', 'but', 'by', 'ce', 'ces', 'cet', 'cette', 'dans',
  'de', 'des', 'du', 'elle', 'en', 'est', 'et', 'for', 'from', 'il', 'in', 'is', 'it', 'its', 'la',
  'le', 'les', 'leur', 'leurs', 'mais', 'of', 'on', 'or', 'ou', 'par', 'pas', 'pour', 'qu', 'que',
  'qui', 'sa', 'se', 'ses', 'son', 'sur', 'that', 'the', 'their', 'this', 'to', 'un', 'une', 'was',
  'were', 'with', 'y', 'l', 'd', 'j', 'n', 's', 'c', 'm', 't',
]);

// Lower case without accents (what Carnet's folding does for Latin scripts).
export function fold(word) {
  return word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}
