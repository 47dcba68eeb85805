import { describe, expect, it } from 'vitest';
import { startAfterSearch } from '../../src/renderer/src/hooks/duplicates/badge-start';

function gate() {
  let open!: () => void;
  let fail!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { search: { whenReady: () => ready }, open, fail };
}

const turns = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe("the duplicates badge's start", () => {
  it('waits for the customer search to be ready before starting detection', async () => {
    const { search, open } = gate();
    let started = 0;
    const done = startAfterSearch(search, () => (started += 1));
    await turns();
    expect(started).toBe(0);
    open();
    await done;
    expect(started).toBe(1);
  });

  it('still starts detection when the search fails to start', async () => {
    const { search, fail } = gate();
    let started = 0;
    const done = startAfterSearch(search, () => (started += 1));
    fail(new Error('no index'));
    await done;
    expect(started).toBe(1);
  });
});
