// Gradebook enhancement: sorting by a column heading and filtering by name or email happen in the
// page, without a reload; the links and the form still work (server-side) without JavaScript.
const table = document.getElementById('gradebook');
const filter = document.getElementById('gradebook-filter');

function cellValue(row, index) {
  const v = row.cells[index].dataset.value;
  const n = Number(v);
  return v !== '' && Number.isFinite(n) ? n : v;
}

function sortBy(th) {
  const index = th.cellIndex;
  const descending = th.getAttribute('aria-sort') === 'ascending';
  const body = table.tBodies[0];
  const rows = [...body.rows].sort((a, b) => {
    const x = cellValue(a, index);
    const y = cellValue(b, index);
    return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
  });
  body.append(...rows);
  for (const other of table.tHead.rows[0].cells) {
    other.removeAttribute('aria-sort');
    other.querySelector('.sort-mark').textContent = '';
  }
  th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  th.querySelector('.sort-mark').textContent = descending ? ' ▼' : ' ▲';
  const url = new URL(location.href);
  url.searchParams.set('sort', th.dataset.sort);
  url.searchParams.set('dir', descending ? 'desc' : 'asc');
  history.replaceState(null, '', url);
}

if (table) {
  table.tHead.addEventListener('click', (event) => {
    const link = event.target.closest('th a');
    if (!link) return;
    event.preventDefault();
    sortBy(link.closest('th'));
  });
}
if (table && filter) {
  filter.addEventListener('input', () => {
    const needle = filter.value.trim().toLowerCase();
    for (const row of table.tBodies[0].rows) row.hidden = needle !== '' && !row.dataset.search.includes(needle);
  });
}
