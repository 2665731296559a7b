// Small helpers the pages share: table cells, links, and reading the server's problem details.

/** Appends a cell with text (or a node) to a table row and returns it. */
export function cell(tr, content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content); else td.textContent = content;
  tr.append(td);
  return td;
}

/** A link; with onClick it acts in the page instead of navigating. */
export function link(text, href, onClick) {
  const a = document.createElement('a');
  a.textContent = text;
  a.href = href ?? '#';
  if (onClick) a.addEventListener('click', e => { e.preventDefault(); onClick(); });
  return a;
}

/** The server's validation problem as one readable error (field: message; …). */
export async function failure(response) {
  let json = null;
  try { json = await response.json(); } catch { /* not JSON */ }
  if (json?.errors) return new Error(Object.entries(json.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; '));
  return new Error(json?.detail || json?.title || `${response.status} ${response.statusText}`);
}
