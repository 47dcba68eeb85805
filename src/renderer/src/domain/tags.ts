/** Tags are trimmed, de-duplicated case-insensitively, and keep the first spelling used. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags) {
    const clean = tag.trim().replace(/\s+/g, ' ');
    if (clean && !seen.has(clean.toLowerCase())) seen.set(clean.toLowerCase(), clean);
  }
  return [...seen.values()];
}

/** "vip, festival;  jazz" -> ["vip", "festival", "jazz"] */
export function parseTagInput(input: string): string[] {
  return normalizeTags(input.split(/[,;]/));
}
