import type { CrmBridge } from '../shared/ipc';

declare global {
  // `interface`, not `type`: augmenting the global Window needs declaration merging.
  interface Window {
    /** Present in the desktop app (set by the preload), absent in the web preview. */
    crm?: CrmBridge;
  }
}

export {};
