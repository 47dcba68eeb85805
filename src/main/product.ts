/** Names shared by the main process; electron-builder.yml repeats them for the installers. */
export const productName = 'Encore CRM';
export const appId = 'com.encorecrm.app';
