import type { NotifyRequest } from '@shared/ipc';
import { IpcError } from '@shared/ipc-error';

/**
 * The browser's desktop notification: the Notification API, asking permission the first
 * time one is needed (never at start-up, when the user has no reason to say yes). A refusal
 * or a browser without notifications is not an error: the task list still shows the reminder.
 */
export async function browserNotify(request: NotifyRequest): Promise<void> {
  // The contract's schema (zod) loads with the first notification, not with the start page.
  const { notifyRequestSchema } = await import('@shared/ipc');
  const parsed = notifyRequestSchema.safeParse(request);
  if (!parsed.success)
    throw new IpcError({
      code: 'invalid-argument',
      message: `notify: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    });
  if (typeof Notification === 'undefined') return;
  let permission = Notification.permission;
  if (permission === 'default') permission = await Notification.requestPermission();
  if (permission !== 'granted') return;
  const notification = new Notification(parsed.data.title, { body: parsed.data.body });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
