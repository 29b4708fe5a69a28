// A coordinator's photos: mark publishable (the public page and the kiosk
// boards show only those) or redact (the blob is erased; logged).
import { api, municipalityPath } from '../api.js';
import { badge, card, h } from '../dom.js';
import { date, t } from '../i18n.js';
import { errorBox } from '../main.js';

export async function photosView({ id }) {
  const list = await api.get(municipalityPath(id, '/photos'));
  const photos = list.photos || [];
  const grid = h(
    'div',
    { class: 'photos photos-manage' },
    photos.map((p) => {
      const status = h('div', { role: 'status' });
      const figure = h('figure', { class: p.redacted ? 'redacted' : '' });
      const toggle = h('input', {
        type: 'checkbox',
        checked: p.publishable,
        disabled: p.redacted,
        onchange: async (e) => {
          try {
            await api.put(`/api/v1/attachments/${p.id}/publishable`, { publishable: e.target.checked });
            status.replaceChildren(h('span', { class: 'small' }, t('photos.saved')));
          } catch (err) {
            e.target.checked = !e.target.checked;
            status.replaceChildren(errorBox(err));
          }
        },
      });
      const redact = h(
        'button',
        {
          type: 'button',
          class: 'btn btn-danger btn-small',
          disabled: p.redacted,
          onclick: async () => {
            const reason = prompt(t('photos.redactReason'));
            if (!reason || !reason.trim()) return;
            try {
              await api.post(`/api/v1/attachments/${p.id}/redact`, { reason: reason.trim() });
              figure.classList.add('redacted');
              figure.querySelector('img')?.remove();
              toggle.checked = false;
              toggle.disabled = true;
              redact.disabled = true;
              status.replaceChildren(badge(t('photos.redacted'), 'bad'));
            } catch (err) {
              status.replaceChildren(errorBox(err));
            }
          },
        },
        t('photos.redact'),
      );
      figure.append(
        p.redacted ? h('div', { class: 'photo-gone' }, t('photos.redacted')) : h('img', { src: `/api/v1/attachments/${p.id}/content`, alt: p.caption || t('photos.title'), loading: 'lazy' }),
        h('figcaption', {}, p.caption || '', h('div', { class: 'small muted' }, date(p.taken_at))),
        h('div', { class: 'photo-actions' }, h('label', { class: 'check' }, toggle, ' ', t('photos.publishable')), redact),
        status,
      );
      return figure;
    }),
  );
  return h(
    'div',
    { class: 'stack' },
    h('div', { class: 'page-head' }, h('h1', {}, t('photos.title')), h('p', { class: 'muted' }, t('photos.hint'))),
    card(null, photos.length ? grid : h('p', { class: 'muted' }, t('photos.none'))),
  );
}
