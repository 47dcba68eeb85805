import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setActionContext } from '../../src/renderer/src/app/actions/context';
import { defineAction } from '../../src/renderer/src/app/actions/define';
import { run } from '../../src/renderer/src/app/actions/runner';
import { fail, ok } from '../../src/renderer/src/domain/result';
import { useToastStore } from '../../src/renderer/src/stores/toast-store';

const toasts = () => useToastStore.getState().toasts;

beforeEach(() => {
  useToastStore.setState({ toasts: [] });
  setActionContext({ navigate: vi.fn(), emit: vi.fn() });
});

describe('the action runner', () => {
  it('says a refusal in an error toast, in the words of the result', async () => {
    const refused = defineAction({ id: 't', label: 'T', perform: () => fail('Choose a role') });
    const outcome = await run(refused);
    expect(outcome).toEqual({ ok: false, error: 'Choose a role' });
    expect(toasts()).toMatchObject([{ tone: 'error', message: 'Choose a role' }]);
  });

  it('leaves the refusal of an inline action to its form', async () => {
    const inline = defineAction<void, void, { title: string }>({
      id: 't',
      label: 'T',
      inline: true,
      perform: () => fail({ title: 'Give it a title' }),
    });
    expect(await run(inline)).toEqual({ ok: false, error: { title: 'Give it a title' } });
    expect(toasts()).toEqual([]);
  });

  it('turns a throw into the same error toast and resolves to null', async () => {
    const broken = defineAction({
      id: 't',
      label: 'T',
      perform: () => {
        throw new Error('This customer no longer exists');
      },
    });
    expect(await run(broken)).toBeNull();
    expect(toasts()).toMatchObject([{ tone: 'error', message: 'This customer no longer exists' }]);
  });

  it('offers the backup export when the disk is full', async () => {
    const full = defineAction({
      id: 't',
      label: 'T',
      perform: () => {
        throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      },
    });
    await run(full);
    expect(toasts()[0]?.action?.label).toBe('Export backup');
  });

  it('says a success and runs its undo from the toast, then says it was undone', async () => {
    const undone = vi.fn(async () => ok());
    const remove = defineAction<string>({
      id: 't',
      label: 'T',
      perform: (name) => ({
        ...ok(),
        message: `Deleted ${name}`,
        undo: { run: undone, done: 'Back' },
      }),
    });
    await run(remove, 'Ana');
    const toast = toasts()[0];
    expect(toast).toMatchObject({
      tone: 'info',
      message: 'Deleted Ana',
      action: { label: 'Undo' },
    });
    await toast?.action?.run();
    expect(undone).toHaveBeenCalledOnce();
    expect(toasts().at(-1)).toMatchObject({ tone: 'info', message: 'Back' });
  });

  it('says why an undo was refused', async () => {
    const remove = defineAction({
      id: 't',
      label: 'T',
      perform: () => ({
        ...ok(),
        message: 'Deleted',
        undo: { run: async () => fail({ message: 'Cannot restore: a@x.com now belongs to Bo' }) },
      }),
    });
    await run(remove);
    await toasts()[0]?.action?.run();
    expect(toasts().at(-1)).toMatchObject({
      tone: 'error',
      message: 'Cannot restore: a@x.com now belongs to Bo',
    });
  });

  it('does not run a disabled action', async () => {
    const perform = vi.fn(() => ok());
    const disabled = defineAction({ id: 't', label: 'T', enabled: () => false, perform });
    expect(await run(disabled)).toBeNull();
    expect(perform).not.toHaveBeenCalled();
  });

  it('hands the context to the action', async () => {
    const navigate = vi.fn();
    setActionContext({ navigate, emit: vi.fn() });
    const go = defineAction({
      id: 't',
      label: 'T',
      perform: (_, context) => context.navigate('/deals'),
    });
    expect(await run(go)).toMatchObject({ ok: true });
    expect(navigate).toHaveBeenCalledWith('/deals');
  });
});
