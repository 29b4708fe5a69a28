// The measures of a municipality: searchable, filtered by status and sector,
// with spending and expected against verified savings; a measure's page with
// its Covenant of Mayors fields and results.
import { api } from '../api.js';
import { badge, card, h, kpi, link, table } from '../dom.js';
import { date, eur, num, pct, t, term } from '../i18n.js';
import { loadReport, statusBadge } from './progress.js';

export async function measuresView({ id }) {
  const report = await loadReport(id);
  const measures = report.measures || [];
  const search = h('input', { type: 'search', placeholder: t('measures.search'), 'aria-label': t('measures.search') });
  const statuses = [...new Set(measures.map((m) => m.status))];
  const sectors = [...new Set(measures.map((m) => m.com_sector))];
  const status = h('select', { 'aria-label': t('measures.status') }, h('option', { value: '' }, t('measures.allStatuses')), statuses.map((s) => h('option', { value: s }, term(s))));
  const sector = h('select', { 'aria-label': t('measure.sector') }, h('option', { value: '' }, t('measures.allSectors')), sectors.map((s) => h('option', { value: s }, term(s))));
  const body = h('div', {});
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const shown = measures.filter(
      (m) =>
        (!q || (m.title + ' ' + m.code).toLowerCase().includes(q)) && (!status.value || m.status === status.value) && (!sector.value || m.com_sector === sector.value),
    );
    if (!shown.length) {
      body.replaceChildren(h('p', { class: 'muted' }, t('measures.none')));
      return;
    }
    body.replaceChildren(
      table(
        [
          t('measures.code'),
          t('measures.measure'),
          t('measures.status'),
          { label: t('measures.spent'), num: true },
          { label: t('measures.expected'), num: true },
          { label: t('measures.verified'), num: true },
          { label: t('measures.realisation'), num: true },
        ],
        shown.map((m) =>
          h(
            'tr',
            {},
            h('td', {}, m.code),
            h('td', {}, link(`/m/${id}/measures/${m.measure_id}`, m.title), h('div', { class: 'muted small' }, term(m.com_sector))),
            h('td', {}, statusBadge(m.status), m.percent_complete !== undefined ? h('div', { class: 'small muted' }, pct(m.percent_complete, 0)) : null),
            h('td', { class: 'num' }, eur(m.spent_eur), m.budget_eur ? h('div', { class: 'small muted' }, '/ ' + eur(m.budget_eur)) : null),
            h('td', { class: 'num' }, num(m.expected_savings_mwh_per_year)),
            h('td', { class: 'num' }, num(m.verified_savings_mwh_per_year), m.verified ? h('div', {}, badge(t('measures.inspected'), 'good')) : null),
            h('td', { class: 'num' }, m.realisation_rate !== undefined ? pct(m.realisation_rate * 100, 0) : t('none')),
          ),
        ),
      ),
    );
  };
  for (const el of [search, status, sector]) el.addEventListener('input', draw);
  draw();
  return h(
    'div',
    { class: 'stack' },
    h('div', { class: 'page-head' }, h('h1', {}, t('measures.title')), h('p', { class: 'muted' }, report.name)),
    card(null, h('div', { class: 'filters' }, search, status, sector), body),
  );
}

function photoGrid(photos) {
  if (!photos.length) return h('p', { class: 'muted' }, t('measure.noPhotos'));
  return h(
    'div',
    { class: 'photos' },
    photos.map((p) =>
      h(
        'figure',
        {},
        h('a', { href: `/api/v1/attachments/${p.id}/content`, target: '_blank', rel: 'noopener' }, h('img', { src: `/api/v1/attachments/${p.id}/content`, alt: p.caption || t('measure.photos'), loading: 'lazy' })),
        p.caption ? h('figcaption', {}, p.caption) : null,
      ),
    ),
  );
}
export { photoGrid };

export async function measureView({ id, measure }) {
  const d = await api.get(`/api/v1/measures/${encodeURIComponent(measure)}`);
  const m = d.report || {};
  const def = d.measure || {};
  const row = (label, value) => h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, value ?? t('none')));
  const planned = def.planned_start || def.planned_end ? `${date(def.planned_start)} – ${date(def.planned_end)}` : null;
  const history = (d.progress || []).map((p) =>
    h(
      'li',
      { class: 'history-item' },
      h('div', { class: 'history-head' }, statusBadge(p.status), ' ', h('strong', {}, date(p.reported_at)), p.percent_complete !== undefined ? ' · ' + pct(p.percent_complete, 0) : '', p.spent_eur !== undefined ? ' · ' + eur(p.spent_eur) : ''),
      p.note ? h('p', {}, p.note) : null,
      (p.indicators || []).length ? h('p', { class: 'small muted' }, t('measure.indicators') + ': ' + p.indicators.map((x) => `${term(x.key)} ${num(x.value, 1)} ${x.unit}`).join(' · ')) : null,
    ),
  );
  const inspections = (d.inspections || []).map((i) =>
    h(
      'li',
      { class: 'history-item' },
      h('div', { class: 'history-head' }, badge(t(i.outcome), i.outcome === 'INSPECTION_OUTCOME_VERIFIED' ? 'good' : i.outcome === 'INSPECTION_OUTCOME_FOLLOW_UP_NEEDED' ? 'warn' : 'neutral'), ' ', h('strong', {}, date(i.submitted_at))),
      i.findings ? h('p', {}, i.findings) : null,
    ),
  );
  return h(
    'div',
    { class: 'stack' },
    h('p', {}, link(`/m/${id}/measures`, '← ' + t('measures.title'))),
    h('div', { class: 'page-head' }, h('h1', {}, (def.code ? def.code + ' · ' : '') + def.title), h('div', {}, statusBadge(m.status), ' ', m.verified ? badge(t('measures.inspected'), 'good') : null)),
    h(
      'div',
      { class: 'kpis' },
      kpi(t('measure.complete'), m.percent_complete !== undefined ? pct(m.percent_complete, 0) : t('none')),
      kpi(t('measures.spent'), eur(m.spent_eur), m.budget_eur ? t('measures.budget') + ': ' + eur(m.budget_eur) : null),
      kpi(t('measures.expected'), num(m.expected_savings_mwh_per_year)),
      kpi(t('measures.verified'), num(m.verified_savings_mwh_per_year), m.realisation_rate !== undefined ? t('measures.realisation') + ' ' + pct(m.realisation_rate * 100, 0) : null, m.verified_savings_mwh_per_year !== undefined ? 'good' : null),
    ),
    card(
      t('measure.fields'),
      def.description ? h('p', {}, def.description) : null,
      h(
        'dl',
        { class: 'fields' },
        row(t('measure.type'), term(def.type)),
        row(t('measure.sector'), term(def.com_sector)),
        row(t('measure.area'), term(def.area_of_intervention)),
        row(t('measure.instrument'), term(def.policy_instrument)),
        row(t('measure.responsible'), def.responsible_body || null),
        row(t('measure.planned'), planned),
        row(t('measures.budget'), def.budget_eur !== undefined ? eur(def.budget_eur) : null),
        row(t('measure.funding'), (def.funding_sources || []).join(', ') || null),
        row(t('measure.keyAction'), def.key_action ? t('yes') : t('no')),
        row(t('measure.implemented'), def.implemented_at ? date(def.implemented_at) : null),
        row(t('measure.co2'), def.expected_co2_reduction_t_per_year !== undefined ? num(def.expected_co2_reduction_t_per_year, 1) : null),
        row(t('measure.renewable'), def.expected_renewable_mwh_per_year !== undefined ? num(def.expected_renewable_mwh_per_year, 1) : null),
        row(t('measure.sites'), (def.site_ids || []).length ? h('span', {}, def.site_ids.map((s, i) => [i ? ', ' : '', link(`/m/${id}/sites/${s}`, (d.site_names || {})[s] || t('sites.site') + ' ' + (i + 1))])) : null),
      ),
      m.savings_note ? h('p', { class: 'muted' }, t('measure.savingsNote') + ': ' + m.savings_note) : null,
    ),
    h(
      'div',
      { class: 'grid-2' },
      card(t('measure.history'), history.length ? h('ol', { class: 'history' }, history) : h('p', { class: 'muted' }, t('measure.noHistory'))),
      card(t('measure.inspections'), inspections.length ? h('ol', { class: 'history' }, inspections) : h('p', { class: 'muted' }, t('measure.noInspections'))),
    ),
    card(t('measure.photos'), photoGrid(d.photos || [])),
  );
}
