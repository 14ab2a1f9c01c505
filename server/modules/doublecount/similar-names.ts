/**
 * All pairs of near-identical names among many (the enterprise side of 重复统计), fast.
 *
 * A self-join with pg_trgm's `%` costs one index probe per name, and every probe walks the posting lists
 * of trigrams that nearly every company name shares (有限公, 限公司, 公司 …): measured 27–400 ms per probe
 * at 4,000–12,000 enterprises, i.e. minutes for a city. This finds the candidates in memory with prefix
 * filtering (the all-pairs similarity join of Bayardo et al.): names are sets of trigrams as pg_trgm makes
 * them; two sets with Jaccard similarity ≥ t share at least one of their |x| − ⌈t·|x|⌉ + 1 rarest trigrams,
 * so only those are indexed. Candidates are then confirmed by PostgreSQL's own `similarity()` (see the
 * repository), so the final decision is pg_trgm's, not this file's.
 */

/** pg_trgm's trigrams of a string: lower case, words of letters and digits, each padded "  word ". */
export function trigrams(s: string): string[] {
  const out = new Set<string>();
  for (const word of s.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const chars = [...`  ${word} `];
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i] + chars[i + 1] + chars[i + 2]);
  }
  return [...out];
}

/** |A ∩ B| / |A ∪ B| of two trigram sets — pg_trgm's `similarity`. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const set = new Set(a);
  let common = 0;
  for (const t of b) if (set.has(t)) common++;
  return common / (a.length + b.length - common);
}

export interface NamePair {
  a: string;
  b: string;
  similarity: number;
}

/** |A ∩ B| of two ascending integer arrays. */
function overlap(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/**
 * Pairs of items whose names have a trigram similarity of at least `threshold` (computed here; keep it a
 * little below the rule's 0.8 so that the database confirms the borderline ones). Ids in a pair are sorted.
 */
export function similarNamePairs(
  items: ReadonlyArray<{ id: string; name: string }>,
  threshold: number,
): NamePair[] {
  const raw = items.map((it) => trigrams(it.name));
  const df = new Map<string, number>();
  for (const ts of raw) for (const t of ts) df.set(t, (df.get(t) ?? 0) + 1);
  // one global order, rarest first: a trigram's rank is its position in it
  const ordered = [...df.keys()].sort((x, y) => df.get(x)! - df.get(y)! || (x < y ? -1 : x > y ? 1 : 0));
  const rankOf = new Map(ordered.map((t, i) => [t, i]));
  const docs = items
    .map((it, i) => ({ id: it.id, tokens: Int32Array.from(raw[i].map((t) => rankOf.get(t)!)).sort() }))
    .filter((d) => d.tokens.length > 0);
  const order = docs.map((_, i) => i).sort((i, j) => docs[i].tokens.length - docs[j].tokens.length);
  const index = new Map<number, number[]>();
  const out: NamePair[] = [];
  const seen = new Int32Array(docs.length).fill(-1);
  for (const i of order) {
    const x = docs[i];
    const size = x.tokens.length;
    const prefix = size - Math.ceil(threshold * size) + 1;
    for (let k = 0; k < prefix; k++) {
      const list = index.get(x.tokens[k]);
      if (!list) continue;
      for (const j of list) {
        if (seen[j] === i) continue;
        seen[j] = i;
        const y = docs[j];
        if (y.tokens.length < threshold * size) continue;
        const common = overlap(x.tokens, y.tokens);
        const s = common / (size + y.tokens.length - common);
        if (s >= threshold)
          out.push(x.id < y.id ? { a: x.id, b: y.id, similarity: s } : { a: y.id, b: x.id, similarity: s });
      }
    }
    for (let k = 0; k < prefix; k++) {
      const list = index.get(x.tokens[k]);
      if (list) list.push(i);
      else index.set(x.tokens[k], [i]);
    }
  }
  return out;
}
