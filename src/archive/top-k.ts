/**
 * The `limit` first items in `compare` (a total order) order, in that order: what a sort and a slice
 * give, without sorting. A full sort of thousands of candidates per article to keep five dominated the
 * index build at 10,000 articles (#6). Given `score`, by which `compare` orders first (higher first), an
 * item scoring below the last kept one is passed over without a call to `compare`: most of the thousands
 * of related candidates per article.
 */
export function topK<T>(items: ArrayLike<T>, limit: number, compare: (a: T, b: T) => number, score?: (item: T) => number): T[] {
  const best: T[] = [];
  if (limit <= 0) return best;
  let floor = -Infinity;
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    if (score && score(item) < floor) continue;
    if (best.length === limit && compare(item, best[limit - 1]!) >= 0) continue;
    let i = Math.min(best.length, limit - 1);
    if (best.length < limit) best.push(item);
    while (i > 0 && compare(item, best[i - 1]!) < 0) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = item;
    if (score && best.length === limit) floor = score(best[limit - 1]!);
  }
  return best;
}
