/**
 * Regions and currencies in words, for every select that offers them: "Germany (+49)" rather
 * than "DE", "Euro (EUR)" rather than "EUR". Intl.DisplayNames in the user's language; the
 * code itself where a runtime has no name for it.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';

export type NamedCode = { code: string; label: string };

const namesOf = (type: 'region' | 'currency', locale?: string) =>
  typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(locale, { type }) : null;

function nameOf(names: Intl.DisplayNames | null, code: string): string {
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Germany". */
export function regionName(code: string, locale?: string): string {
  return nameOf(namesOf('region', locale), code);
}

/** Every region libphonenumber knows, by name, with its calling code: "Germany (+49)". */
export function regionChoices(locale?: string): NamedCode[] {
  const names = namesOf('region', locale);
  return getCountries()
    .map((code) => ({
      code,
      label: `${nameOf(names, code)} (+${getCountryCallingCode(code)})`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** "Euro (EUR)" for each currency, once, by name. */
export function currencyChoices(codes: readonly string[], locale?: string): NamedCode[] {
  const names = namesOf('currency', locale);
  return [...new Set(codes)]
    .map((code) => ({ code, label: `${nameOf(names, code)} (${code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
