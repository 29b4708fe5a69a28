// The municipality's SECAP progress (trajectory from the BEI to the target
// year, each MEI, the linear path), its inventory by sector × carrier, the
// Covenant downloads, and the public page that shows the same figures to
// residents (opt-in municipalities only).
import { api, municipalityPath } from '../api.js';
import { chart, palette } from '../charts.js';
import { badge, card, h, kpi, link, table } from '../dom.js';
import { eur, num, pct, t, term } from '../i18n.js';

export async function loadReport(id) {
  return api.get(municipalityPath(id, '/report'));
}

// The years from the BEI to the target: the linear path (computed by the
// shared report code, report.linear_path) and each inventory on it.
function trajectory(report) {
  const path = report.linear_path || [];
  const years = path.map((p) => p.year);
  const inventories = years.map((y) => {
    if (y === report.bei.year) return report.bei.total_t_co2;
    const m = (report.meis || []).find((x) => x.year === y);
    return m ? m.total_t_co2 : null;
  });
  return { years, path: path.map((p) => p.t_co2), inventories };
}

function trajectoryChart(report) {
  const { years, path, inventories } = trajectory(report);
  const box = h('div', { class: 'chart chart-tall' });
  return chart(
    box,
    {
      type: 'line',
      data: {
        labels: years,
        datasets: [
          {
            label: t('progress.path'),
            data: path,
            borderColor: palette.grey,
            borderDash: [6, 4],
            pointRadius: 0,
            borderWidth: 2,
          },
          {
            label: t('progress.bei', { year: report.bei.year }) + ' / ' + t('progress.mei'),
            data: inventories,
            borderColor: palette.green,
            backgroundColor: palette.green,
            spanGaps: true,
            pointRadius: 6,
            pointHoverRadius: 8,
            borderWidth: 3,
          },
        ],
      },
      options: {
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + num(c.parsed.y) + ' t' } } },
        scales: { y: { beginAtZero: true, title: { display: true, text: 't CO₂' }, ticks: { callback: (v) => num(v) } } },
      },
    },
    t('progress.chartTitle'),
  );
}

export function progressCards(report) {
  const r = report.reduction;
  const cards = [];
  if (r && r.year) {
    cards.push(
      kpi(
        t('progress.reduction', { year: r.baseline_year }),
        '−' + pct(r.reduction_pct),
        t('progress.target', { pct: num(r.target_reduction_pct), year: r.target_year }),
        r.on_track ? 'good' : 'warn',
      ),
    );
    cards.push(
      kpi(
        r.on_track ? t('progress.onTrack') : t('progress.behind'),
        num(r.t_co2) + ' t',
        t('progress.mei') + ' ' + r.year + ' · ' + t('progress.expected', { pct: num(r.expected_reduction_pct, 1), year: r.year }),
        r.on_track ? 'good' : 'warn',
      ),
    );
    if (r.per_capita_reduction_pct !== undefined && r.t_co2_per_capita !== undefined)
      cards.push(kpi(t('progress.perCapita'), num(r.t_co2_per_capita, 2) + ' t', '−' + pct(r.per_capita_reduction_pct)));
  }
  if (report.climate_neutrality_year && report.neutrality_gap_t_co2 !== undefined)
    cards.push(
      kpi(
        t('progress.neutrality', { year: report.climate_neutrality_year }),
        num(report.neutrality_gap_t_co2) + ' t',
        t('progress.neutralityGap', { t: num(report.neutrality_gap_t_co2), rate: num(report.neutrality_cut_t_co2_per_year) }),
      ),
    );
  return cards;
}

function statusTone(status) {
  return { PROGRESS_STATUS_COMPLETED: 'good', PROGRESS_STATUS_ONGOING: 'info', PROGRESS_STATUS_POSTPONED: 'warn', PROGRESS_STATUS_CANCELLED: 'bad' }[status] || 'neutral';
}
export function statusBadge(status) {
  return badge(term(status || 'PROGRESS_STATUS_NOT_STARTED'), statusTone(status));
}

export async function progressView({ id }) {
  const report = await loadReport(id);
  const out = h('div', { class: 'stack' });
  out.append(
    h('div', { class: 'page-head' }, h('h1', {}, report.name), h('p', { class: 'muted' }, t('progress.title', { year: report.target_year }))),
  );
  if (!report.bei) {
    out.append(h('div', { class: 'alert' }, t('progress.noBei')));
    return out;
  }
  const cards = progressCards(report);
  if (cards.length) out.append(h('div', { class: 'kpis' }, cards));
  else out.append(h('div', { class: 'alert' }, t('progress.noMei')));
  out.append(card(t('progress.chartTitle'), trajectoryChart(report)));

  const byStatus = (report.measures_by_status || []).map((s) =>
    h('tr', {}, h('td', {}, statusBadge(s.status)), h('td', { class: 'num' }, num(s.measures)), h('td', { class: 'num' }, eur(s.budget_eur)), h('td', { class: 'num' }, eur(s.spent_eur))),
  );
  out.append(
    h(
      'div',
      { class: 'grid-2' },
      card(
        t('progress.measures'),
        table([t('measures.status'), { label: '#', num: true }, { label: t('measures.budget'), num: true }, { label: t('measures.spent'), num: true }], byStatus),
        h('p', {}, link('/m/' + id + '/measures', t('nav.measures') + ' →')),
      ),
      card(
        t('progress.savings'),
        h(
          'div',
          { class: 'kpis kpis-compact' },
          kpi(t('progress.expectedSavings'), num(report.expected_savings_mwh_per_year)),
          kpi(t('progress.verifiedSavings'), num(report.verified_savings_mwh_per_year), t('progress.verifiedMeasures', { n: report.verified_measures || 0 }), 'good'),
        ),
      ),
    ),
  );
  return out;
}

// The rows of the Covenant template, in its order.
const SECTOR_ORDER = [
  'municipal_buildings', 'tertiary', 'residential', 'public_lighting', 'industry_non_ets', 'industry_ets',
  'municipal_fleet', 'public_transport', 'private_commercial_transport', 'agriculture_forestry_fishery',
  'local_electricity_production', 'local_heat_production',
];

// Sector × carrier of one inventory, MWh and t CO₂, with the baseline beside it.
function inventoryTable(inv, base) {
  const present = new Set((inv.cells || []).map((c) => c.com_sector));
  const sectors = [...SECTOR_ORDER.filter((x) => present.has(x)), ...[...present].filter((x) => !SECTOR_ORDER.includes(x))];
  const sumBy = (cells, sector) => {
    const cs = (cells || []).filter((c) => c.com_sector === sector);
    return { mwh: cs.reduce((a, c) => a + (c.mwh || 0), 0), t: cs.reduce((a, c) => a + (c.t_co2 || 0), 0), cells: cs };
  };
  const rows = [];
  for (const sector of sectors) {
    const now = sumBy(inv.cells, sector);
    const then = base ? sumBy(base.cells, sector) : null;
    rows.push(
      h(
        'tr',
        { class: 'sector-row' },
        h('th', { scope: 'row' }, term(sector)),
        h('td', { class: 'num' }, num(now.mwh)),
        h('td', { class: 'num' }, num(now.t)),
        base ? h('td', { class: 'num' }, num(then.t)) : null,
        base ? h('td', { class: 'num' }, then.t ? pct(((now.t - then.t) / then.t) * 100) : t('none')) : null,
      ),
    );
    for (const c of now.cells)
      rows.push(
        h(
          'tr',
          { class: 'carrier-row' },
          h('td', {}, term(c.carrier)),
          h('td', { class: 'num' }, num(c.mwh)),
          h('td', { class: 'num' }, c.t_co2 === undefined ? t('none') : num(c.t_co2)),
          base ? h('td', {}) : null,
          base ? h('td', {}) : null,
        ),
      );
  }
  rows.push(
    h(
      'tr',
      { class: 'total-row' },
      h('th', { scope: 'row' }, t('inventory.total')),
      h('td', { class: 'num' }, num(inv.total_mwh)),
      h('td', { class: 'num' }, num(inv.total_t_co2)),
      base ? h('td', { class: 'num' }, num(base.total_t_co2)) : null,
      base ? h('td', { class: 'num' }, pct(((inv.total_t_co2 - base.total_t_co2) / base.total_t_co2) * 100)) : null,
    ),
  );
  const headers = [t('inventory.sector'), { label: 'MWh ' + inv.year, num: true }, { label: 't CO₂ ' + inv.year, num: true }];
  if (base) headers.push({ label: 't CO₂ ' + base.year, num: true }, { label: t('inventory.change'), num: true });
  return table(headers, rows, { class: 'inventory' });
}

export async function inventoryView({ id }) {
  const report = await loadReport(id);
  const out = h('div', { class: 'stack' }, h('div', { class: 'page-head' }, h('h1', {}, t('inventory.title')), h('p', { class: 'muted' }, report.name)));
  const all = [report.bei, ...(report.meis || [])].filter(Boolean);
  if (!all.length) {
    out.append(h('div', { class: 'alert' }, t('progress.noBei')));
    return out;
  }
  const latest = all[all.length - 1];
  let shown = latest;
  const body = h('div', {});
  const draw = () => {
    body.replaceChildren(
      ...[
      h('p', { class: 'muted' }, shown.published ? t('inventory.published') : t('inventory.computed'), shown !== report.bei && report.bei ? ' · ' + t('inventory.baselineVsLatest', { a: report.bei.year, b: shown.year }) : ''),
      inventoryTable(shown, shown !== report.bei ? report.bei : null),
      (shown.missing || []).length
        ? h('div', { class: 'alert' }, t('inventory.missing', { what: shown.missing.map((m) => term(m.com_sector) + ' / ' + term(m.carrier) + ': ' + m.reason).join('; ') }))
        : null,
      ].filter(Boolean),
    );
  };
  const picker = h(
    'select',
    { 'aria-label': t('inventory.year'), onchange: (e) => ((shown = all[Number(e.target.value)]), draw()) },
    all.map((inv, i) => h('option', { value: i, selected: inv === latest }, (inv === report.bei ? 'BEI ' : 'MEI ') + inv.year)),
  );
  draw();
  out.append(card(null, h('label', { class: 'inline' }, t('inventory.year') + ' ', picker), body));
  return out;
}

export async function downloadsView({ id }) {
  const report = await loadReport(id);
  const years = [report.bei, ...(report.meis || [])].filter(Boolean).map((i) => i.year);
  return h(
    'div',
    { class: 'stack' },
    h('div', { class: 'page-head' }, h('h1', {}, t('downloads.title')), h('p', { class: 'muted' }, report.name)),
    card(
      null,
      h('p', {}, t('downloads.hint')),
      h(
        'ul',
        { class: 'downloads' },
        years.map((y) => h('li', {}, h('a', { href: municipalityPath(id, `/inventories/${y}.csv`), download: '' }, '⤓ ' + t('downloads.inventory', { year: y })))),
        h('li', {}, h('a', { href: municipalityPath(id, '/actions.csv'), download: '' }, '⤓ ' + t('downloads.actions'))),
      ),
    ),
  );
}

// The public page: no sign-in, the town's progress as residents see it.
export async function publicView({ id }) {
  let report;
  try {
    report = await loadReport(id);
  } catch (e) {
    if (e.status === 401 || e.status === 403) return h('div', { class: 'public' }, h('div', { class: 'alert' }, t('public.notShared')));
    throw e;
  }
  const completed = (report.measures || []).filter((m) => m.status === 'PROGRESS_STATUS_COMPLETED');
  // Their published photos (the server gives a visitor nothing else).
  const details = await Promise.all(completed.map((m) => api.get(`/api/v1/measures/${m.measure_id}`).catch(() => null)));
  const photosOf = (i) => ((details[i] && details[i].photos) || []).slice(0, 2);
  return h(
    'div',
    { class: 'public' },
    h('header', { class: 'public-head' }, h('h1', {}, t('public.title', { name: report.name })), h('p', {}, t('public.subtitle'))),
    report.bei ? h('div', { class: 'kpis' }, progressCards(report)) : h('div', { class: 'alert' }, t('progress.noBei')),
    report.bei ? card(t('progress.chartTitle'), trajectoryChart(report)) : null,
    card(
      t('public.completed'),
      h(
        'ul',
        { class: 'public-measures' },
        completed.map((m, i) =>
          h(
            'li',
            {},
            photosOf(i).map((p) => h('img', { class: 'public-photo', src: `/api/v1/attachments/${p.id}/content`, alt: p.caption || m.title, loading: 'lazy' })),
            h('strong', {}, m.title),
            ' ',
            m.verified ? badge(t('measures.inspected'), 'good') : null,
            m.expected_savings_mwh_per_year ? h('div', { class: 'muted' }, num(m.expected_savings_mwh_per_year) + ' MWh/a') : null,
          ),
        ),
      ),
    ),
    h('footer', { class: 'public-foot muted' }, t('app.name') + ' · ' + t('app.tagline')),
  );
}
