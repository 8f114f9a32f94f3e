// Small deterministic pseudo-random generators (no dependency, same numbers on every machine).

// 32-bit FNV-1a of a string: turns names and seeds into integer seeds.
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// sfc32 (Small Fast Counter), seeded from a string. next() is uniform in [0, 1).
export class Rng {
  constructor(seedText) {
    this.a = hash32(`a:${seedText}`);
    this.b = hash32(`b:${seedText}`);
    this.c = hash32(`c:${seedText}`);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32() {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  next() { return this.u32() / 4294967296; }
  int(n) { return Math.floor(this.next() * n); }            // [0, n)
  range(lo, hi) { return lo + this.int(hi - lo + 1); }      // [lo, hi]
  pick(list) { return list[this.int(list.length)]; }
  chance(p) { return this.next() < p; }
  shuffle(list) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }
}

// Walker's alias table over arbitrary weights: O(1) sampling of an index.
export class AliasTable {
  constructor(weights) {
    const n = weights.length;
    let sum = 0;
    for (const w of weights) sum += w;
    this.n = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = [];
    const large = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / sum;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length && large.length) {
      const s = small.pop();
      const l = large.pop();
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }
  sample(rng) {
    const i = rng.int(this.n);
    return rng.next() < this.prob[i] ? i : this.alias[i];
  }
}

// Zipf weights 1/rank^s for ranks 1..n.
export function zipfWeights(n, s = 1.0) {
  const w = new Float64Array(n);
  for (let r = 0; r < n; r++) w[r] = 1 / Math.pow(r + 1, s);
  return w;
}
