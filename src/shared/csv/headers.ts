/**
 * Header names a mapping can rely on: trimmed, never empty ("Column 3"), never repeated
 * ("Email", "Email (2)"). Compared case-insensitively, as people read them.
 */
export function uniqueHeaderNames(row: readonly string[], width = row.length): string[] {
  const used = new Set<string>();
  const names: string[] = [];
  for (let index = 0; index < Math.max(width, row.length); index += 1) {
    const base = (row[index] ?? '').replace(/^\uFEFF/, '').trim() || `Column ${index + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base} (${n})`;
    used.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}
