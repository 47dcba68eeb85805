/**
 * The locale dates and money are written in: the system's (the browser reports the OS
 * language in Electron). One place, so forms, the board and the deal page agree.
 */
export function userLocale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}
