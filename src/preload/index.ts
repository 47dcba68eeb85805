/**
 * The preload: the only code that sees both the page and Electron. It exposes `window.crm`,
 * one function per capability of the shared contract, and never ipcRenderer itself, so the
 * page can reach nothing in main but these channels. Runs sandboxed: bundled as CommonJS,
 * it may require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  ipcContract,
  ipcEvents,
  type CrmBridge,
  type IpcCapability,
  type IpcEvent,
} from '../shared/ipc';

// Fails to compile when a capability is added to the contract but not to CrmBridge, or back.
type SameKeys<A, B> = [Exclude<A, B> | Exclude<B, A>] extends [never] ? true : never;
const contractMatchesBridge: SameKeys<IpcCapability | IpcEvent, keyof CrmBridge> = true;
void contractMatchesBridge;

const bridge = {
  appInfo: () => ipcRenderer.invoke(ipcContract.appInfo.channel),
  saveTextFile: (request) => ipcRenderer.invoke(ipcContract.saveTextFile.channel, request),
  openExternal: (url) => ipcRenderer.invoke(ipcContract.openExternal.channel, url),
  notify: (request) => ipcRenderer.invoke(ipcContract.notify.channel, request),
  openCsvFile: () => ipcRenderer.invoke(ipcContract.openCsvFile.channel),
  readFileChunk: (request) => ipcRenderer.invoke(ipcContract.readFileChunk.channel, request),
  closeFile: (handle) => ipcRenderer.invoke(ipcContract.closeFile.channel, handle),
  beginSave: (request) => ipcRenderer.invoke(ipcContract.beginSave.channel, request),
  appendSave: (request) => ipcRenderer.invoke(ipcContract.appendSave.channel, request),
  finishSave: (handle) => ipcRenderer.invoke(ipcContract.finishSave.channel, handle),
  abortSave: (handle) => ipcRenderer.invoke(ipcContract.abortSave.channel, handle),
  beginBackup: (request) => ipcRenderer.invoke(ipcContract.beginBackup.channel, request),
  listBackups: () => ipcRenderer.invoke(ipcContract.listBackups.channel),
  pruneBackups: (keep) => ipcRenderer.invoke(ipcContract.pruneBackups.channel, keep),
  showBackups: () => ipcRenderer.invoke(ipcContract.showBackups.channel),
  openBackupFile: () => ipcRenderer.invoke(ipcContract.openBackupFile.channel),
  getSyncToken: () => ipcRenderer.invoke(ipcContract.getSyncToken.channel),
  setSyncToken: (token) => ipcRenderer.invoke(ipcContract.setSyncToken.channel, token),
  onMenuAction: (listener) => {
    const { channel, payload } = ipcEvents.onMenuAction;
    // Only ids of the shared manifest reach the page; anything else is dropped here.
    const handler = (_event: unknown, id: unknown) => {
      const parsed = payload.safeParse(id);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(channel, handler);
    return () => void ipcRenderer.removeListener(channel, handler);
  },
} satisfies CrmBridge;

contextBridge.exposeInMainWorld('crm', bridge);
