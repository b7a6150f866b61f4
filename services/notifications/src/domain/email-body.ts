/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * The two parts of a notification e-mail: plain text (what every client can show) and HTML made from the very same
 * text (escaped, so nothing in an innovation's name becomes markup), both ending with the link back into the web
 * app and why the recipient got it.
 */
export function emailParts(input: { body: string; url?: string; why: string }): { text: string; html: string } {
  const text = [input.body, ...(input.url ? ['', `Buka di inovda: ${input.url}`] : []), '', '--', input.why].join('\n');
  const html = [
    '<!doctype html><html lang="id"><body style="font-family:sans-serif;line-height:1.5">',
    `<p>${escapeHtml(input.body)}</p>`,
    ...(input.url ? [`<p><a href="${escapeHtml(input.url)}">Buka di inovda</a></p>`] : []),
    `<p style="color:#555;font-size:small">${escapeHtml(input.why)}</p>`,
    '</body></html>',
  ].join('');
  return { text, html };
}
