import { describe, expect, it, vi } from 'vitest';
import { lazyService } from '../../src/renderer/src/services/lazy-service';

type Counter = { add(n: number): Promise<number>; total(): Promise<number> };

function counter(): Counter {
  return {
    sum: 0,
    async add(n: number) {
      this.sum += n;
      return this.sum;
    },
    async total() {
      return this.sum;
    },
  } as Counter & { sum: number };
}

describe('lazyService', () => {
  it('loads nothing until a method is called', async () => {
    const load = vi.fn(async () => counter());
    const service = lazyService(load);
    // Reading a method, or awaiting the stand-in itself, is not a call.
    void service.add;
    await Promise.resolve(service);
    expect(load).not.toHaveBeenCalled();
    await service.add(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads once and keeps one instance (and its `this`) for every call', async () => {
    const load = vi.fn(async () => counter());
    const service = lazyService(load);
    const [a, b] = await Promise.all([service.add(2), service.add(3)]);
    expect([a, b]).toEqual([2, 5]);
    expect(await service.total()).toBe(5);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('retries a failed load on the next call instead of failing for good', async () => {
    const load = vi
      .fn<() => Promise<Counter>>()
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockImplementation(async () => counter());
    const service = lazyService(load);
    await expect(service.add(1)).rejects.toThrow('chunk failed');
    expect(await service.add(1)).toBe(1);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('rejects a call to a method the service does not have', async () => {
    const service = lazyService(async () => counter()) as Counter & {
      missing(): Promise<void>;
    };
    await expect(service.missing()).rejects.toThrow('no method missing');
  });
});
