import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RELEASED_MIN_MS, useToastStore } from '../../src/renderer/src/stores/toast-store';

const shown = () => useToastStore.getState().toasts.map((toast) => toast.message);

describe('a toast with Undo stays while someone reaches for it', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useToastStore.setState({ toasts: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('goes after its time when nobody touches it', () => {
    useToastStore.getState().show({ message: 'Deleted Ana', tone: 'info' }, 7000);
    vi.advanceTimersByTime(6999);
    expect(shown()).toEqual(['Deleted Ana']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it('held (pointed at, focused), it stays; released, it stays what it had left', () => {
    const { show, hold, release } = useToastStore.getState();
    show({ message: 'Deleted Ana', tone: 'info', action: { label: 'Undo', run: () => {} } }, 7000);
    vi.advanceTimersByTime(3000);
    const id = useToastStore.getState().toasts[0]!.id;
    hold(id);
    vi.advanceTimersByTime(60_000);
    expect(shown()).toEqual(['Deleted Ana']);
    release(id);
    vi.advanceTimersByTime(3999);
    expect(shown()).toEqual(['Deleted Ana']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it('released near its end, it stays a moment more', () => {
    const { show, hold, release } = useToastStore.getState();
    show({ message: 'Deleted Ana', tone: 'info' }, 7000);
    vi.advanceTimersByTime(6900);
    const id = useToastStore.getState().toasts[0]!.id;
    hold(id);
    release(id);
    vi.advanceTimersByTime(RELEASED_MIN_MS - 1);
    expect(shown()).toEqual(['Deleted Ana']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });
});
