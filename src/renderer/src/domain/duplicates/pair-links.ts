/**
 * The pairs an index has found, as adjacency lists by slot: [partner, bits, partner, bits...].
 * Each pair is held on both sides so "pairs of this customer" is one array read.
 */
export class PairLinks {
  private readonly links: (number[] | undefined)[] = [];
  private pairCount = 0;

  get size(): number {
    return this.pairCount;
  }

  bitsOf(x: number, y: number): number {
    const list = this.links[x];
    if (!list) return 0;
    for (let i = 0; i < list.length; i += 2) if (list[i] === y) return list[i + 1] as number;
    return 0;
  }

  /** Sets the pair's bits; 0 removes it. */
  set(x: number, y: number, bits: number): void {
    const had = this.bitsOf(x, y) !== 0;
    this.setOneSide(x, y, bits);
    this.setOneSide(y, x, bits);
    this.pairCount += (bits !== 0 ? 1 : 0) - (had ? 1 : 0);
  }

  partnersOf(x: number): number[] {
    const list = this.links[x] ?? [];
    const partners: number[] = [];
    for (let i = 0; i < list.length; i += 2) partners.push(list[i] as number);
    return partners;
  }

  /** Every pair once, as [x, y, bits] with x < y. */
  *all(): Iterable<[number, number, number]> {
    for (let x = 0; x < this.links.length; x += 1) {
      const list = this.links[x];
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const y = list[i] as number;
        if (x < y) yield [x, y, list[i + 1] as number];
      }
    }
  }

  private setOneSide(x: number, y: number, bits: number): void {
    let list = this.links[x];
    let at = -1;
    if (list) for (let i = 0; i < list.length && at < 0; i += 2) if (list[i] === y) at = i;
    if (bits === 0) {
      if (!list || at < 0) return;
      list.splice(at, 2);
      if (list.length === 0) this.links[x] = undefined;
      return;
    }
    if (at >= 0 && list) list[at + 1] = bits;
    else if (list) list.push(y, bits);
    else this.links[x] = list = [y, bits];
  }
}
