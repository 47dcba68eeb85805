/**
 * A phone's searchable digit forms, the third of the matching rules (docs/search.md): a query
 * word of 3+ digits matches when it is a substring of one of them.
 * - the E.164 digits behind "00" ("+49 30 123456" -> "004930123456"): "0049 30" and "30123";
 * - the national digits: the country's national prefix + the national significant number
 *   ("0" + "30123456" -> "030123456"; "" for the US and Italy, "8" for Russia).
 * The national prefix comes from a table built once from libphonenumber's metadata, since
 * parsing a million phones at index time would take half a minute.
 */
// Min metadata: national prefixes and formats are the same in max (tests/unit/phone-metadata.test.ts),
// and this module is on the start path (the list shows which phone a search matched).
import { Metadata } from 'libphonenumber-js/min';

let prefixTable: Map<string, string> | null = null;

/**
 * Calling code -> the national prefix as the country's national format writes it: its main
 * country's prefix when one of its formats writes that prefix, else ''. (The US has prefix
 * "1" but writes "(415) 555-0134".) Calling codes are prefix-free, so at most one matches.
 */
export function nationalPrefixes(): ReadonlyMap<string, string> {
  if (prefixTable) return prefixTable;
  const metadata = new Metadata();
  const table = new Map<string, string>();
  const codes = (metadata as unknown as { metadata: MetadataJson }).metadata.country_calling_codes;
  for (const [code, countries] of Object.entries(codes)) {
    const main = countries[0];
    if (!main) continue;
    metadata.selectNumberingPlan(main as Parameters<typeof metadata.selectNumberingPlan>[0]);
    // The runtime numbering plan has more than the published types say.
    const plan = metadata.numberingPlan as unknown as NumberingPlan | undefined;
    const prefix = plan?.nationalPrefix() ?? '';
    const written =
      prefix !== '' &&
      plan!
        .formats()
        .some((format) => (format.nationalPrefixFormattingRule() || '').includes(prefix));
    table.set(code, written ? prefix : '');
  }
  prefixTable = table;
  return table;
}

type MetadataJson = { country_calling_codes: Record<string, string[]> };
type NumberingPlan = {
  nationalPrefix(): string | undefined;
  formats(): { nationalPrefixFormattingRule(): string | undefined | 0 }[];
};

/** The calling code that starts these digits, if any (1 to 3 digits). */
export function callingCodeOf(digits: string): string | undefined {
  const table = nationalPrefixes();
  for (let length = 1; length <= 3 && length < digits.length; length += 1) {
    const code = digits.slice(0, length);
    if (table.has(code)) return code;
  }
  return undefined;
}

/**
 * The digit forms of one stored phone. A national form that is already a substring of the
 * "00" form (countries whose national prefix is '') is left out: it matches nothing more.
 */
export function phoneDigitForms(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  if (digits === '') return [];
  const international = `00${digits}`;
  const code = callingCodeOf(digits);
  if (code === undefined) return [international];
  const national = nationalPrefixes().get(code)! + digits.slice(code.length);
  return international.includes(national) ? [international] : [international, national];
}
