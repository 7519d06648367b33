// Turns what a user typed into an FTS5 MATCH expression that cannot be a syntax error: every word becomes a
// quoted string (so AND, OR, NEAR, quotes and colons are just words), all words must match, and the last one
// matches as a prefix (search as you type). See https://www.sqlite.org/fts5.html#full_text_query_syntax.

export function toFtsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words
    .slice(0, 20)
    .map((w, i, all) => `"${w}"${i === all.length - 1 ? "*" : ""}`)
    .join(" ");
}
