() => {
  const found = [];
  const html = el => el.outerHTML.length > 400 ? el.outerHTML.slice(0, 400) + '…' : el.outerHTML;
  const text = el => (el.textContent || '').replace(/\s+/g, ' ').trim();
  const byId = id => document.getElementById(id);

  if (!(document.documentElement.getAttribute('lang') || '').trim())
    found.push('html has no lang: ' + html(document.documentElement).slice(0, 120));
  if (!document.title.trim()) found.push('the page has an empty <title>');
  const h1s = [...document.querySelectorAll('h1')];
  if (h1s.length !== 1)
    found.push(`expected exactly one <h1>, found ${h1s.length}: ${h1s.map(html).join(' | ')}`);

  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    const forLabels = el.id ? [...document.querySelectorAll('label')].filter(l => l.htmlFor === el.id) : [];
    const wrapping = el.closest('label');
    const labels = [...forLabels, ...(wrapping ? [wrapping] : [])];
    const named = labels.some(l => text(l)) || (el.getAttribute('aria-label') || '').trim()
      || (el.getAttribute('aria-labelledby') || '').split(/\s+/).some(id => id && byId(id) && text(byId(id)));
    if (!named) found.push('form field without a label: ' + html(el));
  }

  for (const img of document.querySelectorAll('img:not([alt])')) found.push('img without alt: ' + html(img));

  const seen = new Map();
  for (const el of document.querySelectorAll('[id]')) {
    if (seen.has(el.id)) found.push(`duplicate id "${el.id}": ${html(seen.get(el.id))} and ${html(el)}`);
    else seen.set(el.id, el);
  }

  const focusable = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable=""], [contenteditable=true]'
  )].filter(el => !el.disabled && el.type !== 'hidden' && el.tabIndex >= 0
                  && getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length);
  const first = focusable[0];
  if (!first || !first.matches('a[href="#main"]') || !document.getElementById('main'))
    found.push('the first focusable element is not a skip link to #main: ' + (first ? html(first) : 'none'));

  for (const table of document.querySelectorAll('table')) {
    const ths = table.querySelectorAll('th');
    if (!ths.length) found.push('table without <th>: ' + html(table));
    for (const th of ths) if (!th.getAttribute('scope')) found.push('<th> without scope: ' + html(th));
  }

  for (const el of document.querySelectorAll('[tabindex]'))
    if (parseInt(el.getAttribute('tabindex'), 10) > 0) found.push('positive tabindex: ' + html(el));

  for (const el of document.querySelectorAll('a[href], button, [role=button], [role=link], input[type=submit], input[type=button]')) {
    const labelledby = (el.getAttribute('aria-labelledby') || '').split(/\s+/)
      .map(id => id && byId(id) ? text(byId(id)) : '').join('');
    const imgAlt = [...el.querySelectorAll('img[alt]')].map(i => i.alt).join('');
    const name = (el.getAttribute('aria-label') || '').trim() || labelledby || text(el) || imgAlt
      || (el.value || '').trim() || (el.getAttribute('title') || '').trim();
    if (!name) found.push('button or link without an accessible name: ' + html(el));
  }
  return found;
}
