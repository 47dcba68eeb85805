/**
 * When the sidebar's duplicates badge may start detection. Detection's first build read every
 * customer, email and phone in one IndexedDB request per table (now in time-sized chunks, which
 * lets other reads in between, but the scan still competes with them); Chromium runs an origin's
 * IndexedDB requests one at a time, so at 100,000 customers those reads held every other read
 * (the customer list's rows, the search index's snapshot and journal) for 10 s on a quiet
 * machine and 50-70 s on a loaded one (traced: docs/search.md, "Cold start"). The badge is a
 * background number: it waits until the customer search is ready (or failed to start). The
 * duplicates screens start detection at once, as before.
 */
export function startAfterSearch(
  search: { whenReady(): Promise<void> },
  start: () => void,
): Promise<void> {
  return search.whenReady().then(start, start);
}
