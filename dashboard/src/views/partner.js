// For replication partners (and everyone signed in): the towns that share
// their progress side by side, and the catalogue of measures an inspection
// verified. The server never lists a town that does not share.
import { api } from '../api.js';
import { chart, palette } from '../charts.js';
import { badge, card, h, table } from '../dom.js';
import { num, pct, t, term } from '../i18n.js';

export async function compareView() {
  const res = await api.get('/api/v1/compare');
  const towns = res.municipalities || [];
  const out = h('div', { class: 'stack' }, h('div', { class: 'page-head' }, h('h1', {}, t('compare.title'))));
  if (!towns.length) {
    out.append(h('div', { class: 'alert' }, t('compare.none')));
    return out;
  }
  out.append(
    card(
      null,
      table(
        [t('compare.town'), { label: t('compare.population'), num: true }, { label: t('compare.beiPc'), num: true }, { label: t('compare.meiPc'), num: true }, { label: t('compare.reduction'), num: true }, { sr: t('compare.onTrack') }],
        towns.map((m) =>
          h(
            'tr',
            {},
            h('td', {}, h('a', { href: '/public/' + m.municipality_id, target: '_blank', rel: 'noopener' }, m.name), h('span', { class: 'muted small' }, ' ' + m.country)),
            h('td', { class: 'num' }, num(m.population)),
            h('td', { class: 'num' }, m.bei_t_co2_per_capita !== undefined ? num(m.bei_t_co2_per_capita, 2) + ' (' + m.baseline_year + ')' : t('none')),
            h('td', { class: 'num' }, m.mei_t_co2_per_capita !== undefined ? num(m.mei_t_co2_per_capita, 2) + ' (' + m.mei_year + ')' : t('none')),
            h('td', { class: 'num' }, m.reduction_pct !== undefined ? '−' + pct(m.reduction_pct) : t('none')),
            h('td', {}, m.on_track === undefined ? null : badge(m.on_track ? t('progress.onTrack') : t('progress.behind'), m.on_track ? 'good' : 'warn')),
          ),
        ),
      ),
    ),
  );
  // kWh per m² by building kind, one bar per town.
  const kinds = [...new Set(towns.flatMap((m) => (m.intensities || []).map((i) => i.site_kind)))];
  if (kinds.length) {
    // Ten towns, ten colours that stay apart (Okabe–Ito and Tableau tones).
    const colors = [palette.green, palette.blue, palette.orange, '#7b4fa0', palette.greenLight, palette.red, '#56b4e9', '#8c6d31', palette.grey, '#cc79a7'];
    out.append(
      card(
        t('compare.intensity', { year: res.year }),
        chart(
          h('div', { class: 'chart chart-tall' }),
          {
            type: 'bar',
            data: {
              labels: kinds.map(term),
              datasets: towns
                .filter((m) => (m.intensities || []).length)
                .map((m, i) => ({
                  label: m.name,
                  backgroundColor: colors[i % colors.length],
                  data: kinds.map((k) => {
                    const x = (m.intensities || []).find((v) => v.site_kind === k);
                    return x ? x.kwh_per_m2 : null;
                  }),
                })),
            },
            options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, title: { display: true, text: 'kWh/m²' } } } },
          },
          t('compare.intensity', { year: res.year }),
        ),
      ),
    );
  }
  return out;
}

export async function catalogueView() {
  const all = (await api.get('/api/v1/measure-outcomes')).outcomes || [];
  const sectors = [...new Set(all.map((o) => o.measure.com_sector))];
  const areas = [...new Set(all.map((o) => o.measure.area_of_intervention))];
  const sector = h('select', { 'aria-label': t('measure.sector') }, h('option', { value: '' }, t('measures.allSectors')), sectors.map((s) => h('option', { value: s }, term(s))));
  const area = h('select', { 'aria-label': t('measure.area') }, h('option', { value: '' }, t('catalogue.allAreas')), areas.map((s) => h('option', { value: s }, term(s))));
  const body = h('div', { class: 'catalogue' });
  const draw = () => {
    const shown = all.filter((o) => (!sector.value || o.measure.com_sector === sector.value) && (!area.value || o.measure.area_of_intervention === area.value));
    body.replaceChildren(
      ...(shown.length
        ? shown.map((o) =>
            h(
              'article',
              { class: 'outcome' },
              h('h2', { class: 'outcome-title' }, o.measure.title),
              h('div', { class: 'muted small' }, o.municipality_name + ' (' + o.country + ') · ' + term(o.measure.com_sector) + ' · ' + term(o.measure.area_of_intervention)),
              h(
                'div',
                { class: 'outcome-figures' },
                h('span', {}, t('measures.expected') + ': ', h('strong', {}, num(o.measure.expected_savings_mwh_per_year))),
                h('span', {}, t('measures.verified') + ': ', h('strong', {}, num(o.measure.verified_savings_mwh_per_year))),
                o.measure.realisation_rate !== undefined ? badge(t('measures.realisation') + ' ' + pct(o.measure.realisation_rate * 100, 0), 'good') : null,
              ),
            ),
          )
        : [h('p', { class: 'muted' }, t('catalogue.none'))]),
    );
  };
  sector.addEventListener('input', draw);
  area.addEventListener('input', draw);
  draw();
  return h('div', { class: 'stack' }, h('div', { class: 'page-head' }, h('h1', {}, t('catalogue.title')), h('p', { class: 'muted' }, t('catalogue.hint'))), card(null, h('div', { class: 'filters' }, sector, area), body));
}
