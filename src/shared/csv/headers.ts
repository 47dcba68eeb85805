import { stripControlCharacters } from './controls';

/**
 * Header names a mapping can rely on: trimmed, without control characters, never empty
 * ("Column 3"), never repeated ("Email", "Email (2)"). Compared case-insensitively, as people
 * read them.
 *
 * Linear in the number of columns: each name remembers the next number to try for it, so
 * 40,000 columns all called "Email" do not try "Email (2)".."Email (n)" again for every
 * one of them (that loop took 95 s). A number is skipped only when that name is already
 * used, and each used name can be skipped once, by its own base name.
 */
export function uniqueHeaderNames(row: readonly string[], width = row.length): string[] {
  const used = new Set<string>();
  const nextNumber = new Map<string, number>();
  const names: string[] = [];
  for (let index = 0; index < Math.max(width, row.length); index += 1) {
    const cell = stripControlCharacters(row[index] ?? '').text;
    const base = cell.replace(/^\uFEFF/, '').trim() || `Column ${index + 1}`;
    const key = base.toLowerCase();
    let name = base;
    if (used.has(key)) {
      let n = nextNumber.get(key) ?? 2;
      while (used.has(`${key} (${n})`)) n += 1;
      name = `${base} (${n})`;
      nextNumber.set(key, n + 1);
    }
    used.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}
