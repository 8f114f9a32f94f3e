// Grouped vertical bars as a small SVG, shared by the benchmark kinds whose chart is one
// bar per series in each group (startup: per blog size; build: per size and case).
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

// groups: [{label, values: [one number or null per series]}]; series: [{label, color}];
// format: a value's label (above its bar and on the axis).
export function groupedBarsSvg({ title, groups, series, format = (v) => String(Math.round(v)) }) {
  const W = 640;
  const H = 300;
  const left = 60;
  const bottom = 40;
  const top = 30;
  const max = Math.max(1, ...groups.flatMap((g) => g.values.map((v) => v ?? 0))) * 1.15;
  const group = (W - left - 20) / Math.max(1, groups.length);
  const bar = Math.min(60, group / (series.length + 1));
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="${left}" y="18" font-size="14">${esc(title)}</text>`,
    `<line x1="${left}" y1="${y(0)}" x2="${W - 10}" y2="${y(0)}" stroke="#333"/>`];
  for (let t = 0; t <= 4; t++) {
    const v = (max / 1.15) * (t / 4);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="#555">${esc(format(v))}</text>`,
      `<line x1="${left}" y1="${y(v)}" x2="${W - 10}" y2="${y(v)}" stroke="#eee"/>`);
  }
  groups.forEach(({ label, values }, i) => {
    const x0 = left + i * group + (group - bar * series.length) / 2;
    series.forEach(({ color }, j) => {
      const v = values[j];
      if (v == null) return;
      parts.push(`<rect x="${x0 + j * bar}" y="${y(v)}" width="${bar - 4}" height="${y(0) - y(v)}" fill="${color}"/>`,
        `<text x="${x0 + j * bar + (bar - 4) / 2}" y="${y(v) - 4}" text-anchor="middle">${esc(format(v))}</text>`);
    });
    parts.push(`<text x="${left + i * group + group / 2}" y="${H - bottom + 18}" text-anchor="middle">${esc(label)}</text>`);
  });
  series.forEach(({ label, color }, j) => {
    const x = W - 10 - series.length * 110 + j * 110;
    parts.push(`<rect x="${x}" y="${H - 16}" width="10" height="10" fill="${color}"/>`,
      `<text x="${x + 14}" y="${H - 7}">${esc(label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
