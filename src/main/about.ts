/** Help > About: what a support request needs, copyable from the dialog. */
import { app, dialog, type BrowserWindow } from 'electron';
import { productName } from './product';

export function showAboutDialog(window: BrowserWindow | null): void {
  const options = {
    type: 'info' as const,
    title: `About ${productName}`,
    message: productName,
    detail: [
      `Version ${app.getVersion()}`,
      `Electron ${process.versions.electron ?? '?'}, Chromium ${process.versions.chrome ?? '?'}`,
      `${process.platform} ${process.arch}`,
    ].join('\n'),
    buttons: ['OK'],
  };
  void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}
