import { describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type IpcDeps, type SenderFrame } from '../../src/main/ipc-handlers';

const appFrame: SenderFrame = { url: 'http://localhost:5173/#/tasks', processId: 4, routingId: 1 };

function setup(overrides: Partial<IpcDeps> = {}) {
  const showNotification = vi.fn<NonNullable<IpcDeps['showNotification']>>();
  const deps = {
    isTrustedSender: (frame: SenderFrame | null) =>
      frame?.url.startsWith('http://localhost:5173/') ?? false,
    showNotification,
    ...overrides,
  } as unknown as IpcDeps;
  return { showNotification, handlers: createIpcHandlers(deps) };
}

describe('notify', () => {
  it('shows a valid notification through main', async () => {
    const { handlers, showNotification } = setup();
    await handlers.notify(appFrame, { title: 'Call the venue', body: 'Due now · Sala Apolo' });
    expect(showNotification).toHaveBeenCalledExactlyOnceWith({
      title: 'Call the venue',
      body: 'Due now · Sala Apolo',
    });
  });

  it.each([
    ['no title', { title: '   ', body: 'x' }],
    ['a title too long', { title: 'x'.repeat(201), body: '' }],
    ['a body too long', { title: 'x', body: 'y'.repeat(1001) }],
    ['extra shape', 'Call the venue'],
    ['nothing', undefined],
  ])('refuses %s before reaching the OS', async (_name, arg) => {
    const { handlers, showNotification } = setup();
    await expect(handlers.notify(appFrame, arg)).rejects.toThrow(
      /^\[crm:invalid-argument\] notify: /,
    );
    expect(showNotification).not.toHaveBeenCalled();
  });

  it('refuses a sender that is not our window', async () => {
    const { handlers, showNotification } = setup();
    const evil = { url: 'https://evil.example/', processId: 9, routingId: 2 };
    await expect(handlers.notify(evil, { title: 'x', body: '' })).rejects.toThrow(
      /^\[crm:forbidden-sender\] notify: /,
    );
    expect(showNotification).not.toHaveBeenCalled();
  });

  it('does nothing, without failing, where the OS has no notifications', async () => {
    const { handlers } = setup({ showNotification: undefined });
    await expect(handlers.notify(appFrame, { title: 'x', body: '' })).resolves.toBeUndefined();
  });
});
