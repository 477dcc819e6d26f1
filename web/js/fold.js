// fold.js — Vietnamese search folding, the same rule as the server's
// util/fold.h: lower case, no diacritics, đ → d, white space collapsed.

export function fold(s) {
  return String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd').replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// Split text into parts, marking where any word of query occurs (folded).
// Returns [{text, hit}], used to <mark> matches in result lists.
export function highlight(text, query) {
  const words = fold(query).split(' ').filter((w) => w.length >= 2);
  text = String(text ?? '');
  if (!words.length) return [{ text, hit: false }];
  // Fold character by character so indexes map back to the original text.
  const chars = Array.from(text);
  const folded = chars.map((c) => fold(c) || c.toLowerCase());
  const flat = folded.join('');
  const starts = []; let pos = 0;
  for (const f of folded) { starts.push(pos); pos += f.length; }
  const hit = new Array(chars.length).fill(false);
  for (const w of words) {
    let i = flat.indexOf(w);
    while (i >= 0) {
      for (let k = 0; k < chars.length; k++) if (starts[k] >= i && starts[k] < i + w.length) hit[k] = true;
      i = flat.indexOf(w, i + w.length);
    }
  }
  // Join marks across the single spaces between matched words.
  for (let k = 1; k < chars.length - 1; k++) if (!hit[k] && /\s/.test(chars[k]) && hit[k - 1] && hit[k + 1]) hit[k] = true;
  const out = [];
  for (let k = 0; k < chars.length; k++) {
    const last = out[out.length - 1];
    if (last && last.hit === hit[k]) last.text += chars[k];
    else out.push({ text: chars[k], hit: hit[k] });
  }
  return out;
}
