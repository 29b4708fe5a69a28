// The review queue: each flagged reading with its neighbours; confirming it
// or marking it erroneous records a ReadingReview and the report follows.
import { api, municipalityPath } from '../api.js';
import { badge, card, h, link } from '../dom.js';
import { date, dateTime, num, t, term } from '../i18n.js';
import { errorBox } from '../main.js';

function readingCell(r, unit) {
  if (!r) return h('span', { class: 'muted' }, t('none'));
  return h('span', {}, h('strong', {}, num(r.value, 2) + ' ' + unit), h('div', { class: 'small muted' }, dateTime(r.taken_at)));
}

const unitLabel = (u) => ({ UNIT_KWH: 'kWh', UNIT_M3: 'm³', UNIT_MWH: 'MWh', UNIT_GJ: 'GJ', UNIT_L: 'l' })[u] || (u || '').replace('UNIT_', '').toLowerCase();

export async function reviewView({ id }) {
  const queue = await api.get(municipalityPath(id, '/review-queue'));
  const out = h(
    'div',
    { class: 'stack' },
    h('div', { class: 'page-head' }, h('h1', {}, t('review.title')), h('p', { class: 'muted' }, queue.name, ' · ', t('review.decided', { n: queue.decided || 0 }))),
  );
  const items = queue.readings || [];
  const followUps = queue.follow_ups || [];
  if (followUps.length)
    out.append(
      card(
        t('review.followUps'),
        h(
          'ul',
          { class: 'history' },
          followUps.map((f) =>
            h(
              'li',
              { class: 'history-item' },
              h('div', { class: 'history-head' }, badge(t('INSPECTION_OUTCOME_FOLLOW_UP_NEEDED'), 'warn'), ' ', h('strong', {}, date(f.inspection.submitted_at)), ' · ', f.site_name),
              f.measure_id ? h('div', {}, link(`/m/${id}/measures/${f.measure_id}`, (f.measure_code ? f.measure_code + ' · ' : '') + f.measure_title)) : null,
              f.inspection.findings ? h('p', {}, f.inspection.findings) : null,
            ),
          ),
        ),
      ),
    );
  if (!items.length) {
    out.append(h('div', { class: 'alert alert-good' }, t('review.empty')));
    return out;
  }
  for (const q of items) {
    const note = h('input', { type: 'text', 'aria-label': t('review.note'), placeholder: t('review.note'), maxlength: 500 });
    const status = h('div', { role: 'status' });
    const decide = (decision) => async (e) => {
      const buttons = e.target.closest('.review-actions').querySelectorAll('button');
      buttons.forEach((b) => (b.disabled = true));
      try {
        await api.post(`/api/v1/readings/${encodeURIComponent(q.reading.id)}/review`, {
          decision,
          note: note.value.trim(),
          review_id: crypto.randomUUID(),
        });
        status.replaceChildren(h('div', { class: 'alert alert-good' }, t('review.done')));
        itemCard.classList.add('decided');
      } catch (err) {
        status.replaceChildren(errorBox(err));
        buttons.forEach((b) => (b.disabled = false));
      }
    };
    const unit = unitLabel(q.unit);
    const itemCard = card(
      q.site_name + ' · ' + term(q.carrier) + ' · ' + q.serial,
      h(
        'div',
        { class: 'review-grid' },
        h('div', {}, h('div', { class: 'kpi-label' }, t('review.previous')), readingCell(q.previous, unit)),
        h('div', { class: 'flagged' }, h('div', { class: 'kpi-label' }, t('review.reading')), readingCell(q.reading, unit)),
        h('div', {}, h('div', { class: 'kpi-label' }, t('review.next')), readingCell(q.next, unit)),
      ),
      h('p', {}, t('review.flags') + ': ', (q.reading.quality_flags || []).map((f) => [badge(term(f), 'warn'), ' '])),
      h(
        'div',
        { class: 'review-actions' },
        note,
        h('button', { type: 'button', class: 'btn btn-primary', onclick: decide('REVIEW_DECISION_CONFIRMED') }, t('review.confirm')),
        h('button', { type: 'button', class: 'btn btn-danger', onclick: decide('REVIEW_DECISION_ERRONEOUS') }, t('review.erroneous')),
      ),
      status,
    );
    out.append(itemCard);
  }
  return out;
}
