// Sites with their EnPIs against the median of the same kind, and a site's
// page: monthly consumption this year against last, the weather-normalised
// heating model with its statistics, and its significant energy uses.
import { api, municipalityPath } from '../api.js';
import { chart, palette } from '../charts.js';
import { badge, card, h, kpi, link, table } from '../dom.js';
import { num, pct, t, term } from '../i18n.js';

// A site's EnPI, and where it stands against the median of its kind in the
// town: only where the kind has peers to compare with.
function vsMedian(value, median, peers) {
  if (value === undefined) return t('none');
  const el = h('div', {}, h('strong', {}, num(value)));
  if (median !== undefined && peers >= 2) {
    const above = value > median * 1.05;
    el.append(
      h('div', { class: 'small' }, badge(above ? t('sites.aboveMedian') : t('sites.belowMedian'), above ? 'warn' : 'good')),
      h('div', { class: 'small muted' }, t('sites.median', { v: num(median) })),
    );
  }
  return el;
}

export async function sitesView({ id }) {
  const list = await api.get(municipalityPath(id, '/sites'));
  const peers = (kind, field) => (list.sites || []).filter((s) => s.kind === kind && s[field] !== undefined).length;
  return h(
    'div',
    { class: 'stack' },
    h('div', { class: 'page-head' }, h('h1', {}, t('sites.title')), h('p', { class: 'muted' }, t('site.enpi', { year: list.year }))),
    card(
      null,
      table(
        [t('sites.site'), t('sites.kind'), { label: t('sites.area'), num: true }, { label: t('sites.heat'), num: true }, { label: t('sites.electricity'), num: true }],
        (list.sites || []).map((s) =>
          h(
            'tr',
            {},
            h('td', {}, link(`/m/${id}/sites/${s.site_id}`, s.name)),
            h('td', {}, term(s.kind)),
            h('td', { class: 'num' }, s.heated_area_m2 !== undefined ? num(s.heated_area_m2) + ' m²' : t('none')),
            h('td', { class: 'num' }, vsMedian(s.heat_kwh_per_m2, s.heat_median_municipality, peers(s.kind, 'heat_kwh_per_m2'))),
            h('td', { class: 'num' }, vsMedian(s.electricity_kwh_per_m2, s.electricity_median_municipality, peers(s.kind, 'electricity_kwh_per_m2'))),
          ),
        ),
      ),
    ),
  );
}

function monthlyChart(report) {
  // Sum all carriers by month; this year and the year before side by side.
  const byYm = new Map();
  for (const s of report.series || [])
    for (const m of s.months || []) byYm.set(m.year * 100 + m.month, (byYm.get(m.year * 100 + m.month) || 0) + m.kwh);
  const y = report.year;
  const labels = [...Array(12)].map((_, i) => new Intl.DateTimeFormat(document.documentElement.lang, { month: 'short' }).format(new Date(2021, i, 1)));
  const series = (year) => labels.map((_, i) => byYm.get(year * 100 + i + 1) ?? null);
  return chart(
    h('div', { class: 'chart' }),
    {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: String(y - 1), data: series(y - 1), backgroundColor: palette.grey },
          { label: String(y), data: series(y), backgroundColor: palette.green },
        ],
      },
      options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, ticks: { callback: (v) => num(v) } } } },
    },
    t('site.monthly'),
  );
}

export async function siteView({ id, site }) {
  const r = await api.get(`/api/v1/sites/${encodeURIComponent(site)}/report`);
  const model = r.heat_model;
  const stats = model
    ? h(
        'dl',
        { class: 'fields' },
        h('div', { class: 'field' }, h('dt', {}, 'R²'), h('dd', {}, num(model.r2, 2))),
        h('div', { class: 'field' }, h('dt', {}, 'CV(RMSE)'), h('dd', {}, pct(model.cv_rmse * 100))),
        h('div', { class: 'field' }, h('dt', {}, 'NMBE'), h('dd', {}, pct(model.nmbe * 100))),
        h('div', { class: 'field' }, h('dt', {}, 'n'), h('dd', {}, String(model.n))),
        h('div', { class: 'field' }, h('dt', {}, 'kWh/d'), h('dd', {}, num(model.a_kwh_per_day, 1) + ' + ' + num(model.b_kwh_per_hdd, 2) + ' × HDD')),
      )
    : null;
  return h(
    'div',
    { class: 'stack' },
    h('p', {}, link(`/m/${id}/sites`, '← ' + t('sites.title'))),
    h('div', { class: 'page-head' }, h('h1', {}, r.name), h('p', { class: 'muted' }, term(r.kind), r.heated_area_m2 ? ' · ' + num(r.heated_area_m2) + ' m²' : '')),
    h(
      'div',
      { class: 'kpis' },
      kpi(t('sites.heat'), r.heat_kwh_per_m2 !== undefined ? num(r.heat_kwh_per_m2) : t('none'), r.heat_median_municipality !== undefined ? t('site.municipalityMedian') + ': ' + num(r.heat_median_municipality) : null),
      kpi(t('sites.electricity'), r.electricity_kwh_per_m2 !== undefined ? num(r.electricity_kwh_per_m2) : t('none'), r.electricity_median_municipality !== undefined ? t('site.municipalityMedian') + ': ' + num(r.electricity_median_municipality) : null),
      model && model.avoided_kwh !== undefined ? kpi(t('site.avoided'), num(model.avoided_kwh / 1000, 1) + ' MWh', null, model.avoided_kwh > 0 ? 'good' : 'warn') : null,
      model && model.normalised_annual_kwh !== undefined ? kpi(t('site.normalised'), num(model.normalised_annual_kwh / 1000, 1) + ' MWh') : null,
    ),
    card(t('site.monthly'), monthlyChart(r)),
    card(
      t('site.model'),
      model
        ? [
            h('p', {}, badge(model.accepted ? t('site.modelAccepted') : t('site.modelRejected'), model.accepted ? 'good' : 'warn'), ' ', h('span', { class: 'muted' }, model.baseline_reason)),
            stats,
            (model.warnings || []).length ? h('ul', { class: 'muted' }, model.warnings.map((w) => h('li', {}, w))) : null,
          ]
        : h('p', { class: 'muted' }, t('site.noModel') + (r.model_note ? ': ' + r.model_note : '')),
    ),
    card(
      t('site.uses'),
      table(
        [t('site.carrier'), t('site.meter'), { label: 'kWh', num: true }, { label: t('site.share'), num: true }],
        (r.uses || []).map((u) =>
          h('tr', {}, h('td', {}, term(u.carrier)), h('td', {}, u.serial, u.significant ? [' ', badge('SEU', 'info')] : null), h('td', { class: 'num' }, num(u.kwh)), h('td', { class: 'num' }, pct(u.share * 100, 0))),
        ),
      ),
    ),
  );
}
