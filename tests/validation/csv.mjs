// CSV as the validation scripts read it: a header, then rows; '#' lines and blank lines skipped,
// quoted fields with "" for a quote.
export function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const cells = []; let cur = ''; let quoted = false;
    for (let i = 0; i < line.length; ++i) {
      const ch = line[i];
      if (ch === '"' && quoted && line[i + 1] === '"') { cur += '"'; ++i; } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) { cells.push(cur); cur = ''; } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
