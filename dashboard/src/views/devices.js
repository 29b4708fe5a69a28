// A coordinator's devices: who syncs and when, enrollment codes with their
// QR code, withdrawal (with or without a last rescue push), a kiosk's sites.
import { api, municipalityPath } from '../api.js';
import { badge, card, h, table } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { errorBox } from '../main.js';

const ROLES = ['field', 'kiosk', 'coordinator', 'partner'];

function sitePicker(sites, selected, label) {
  return h(
    'fieldset',
    { class: 'site-picker' },
    h('legend', {}, label),
    sites.map((s) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', value: s.site_id, checked: selected.includes(s.site_id) }), ' ', s.name),
    ),
  );
}
const checked = (el) => [...el.querySelectorAll('input[type=checkbox]:checked')].map((x) => x.value);

export async function devicesView({ id }, { navigate, state }) {
  const [list, siteList] = await Promise.all([api.get(municipalityPath(id, '/devices')), api.get(municipalityPath(id, '/sites'))]);
  const sites = siteList.sites || [];
  const siteName = (sid) => (sites.find((s) => s.site_id === sid) || {}).name || sid;
  const reload = () => navigate(location.pathname, true);

  // Issue an enrollment code.
  const role = h('select', { id: 'enroll-role' }, ROLES.map((r) => h('option', { value: r }, t('role.' + r))));
  const days = h('input', { id: 'enroll-days', type: 'number', min: 1, max: 30, value: 7 });
  const server = h('input', { id: 'enroll-server', type: 'text', placeholder: 'sync.example.org:50051' });
  const kioskSites = sitePicker(sites, [], t('devices.enrollSites'));
  kioskSites.hidden = true;
  role.addEventListener('change', () => (kioskSites.hidden = role.value !== 'kiosk'));
  const issued = h('div', { role: 'status' });
  const form = h(
    'form',
    {
      class: 'enroll-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const code = await api.post(municipalityPath(id, '/enrollment-codes'), {
            role: role.value,
            days: Number(days.value),
            server: server.value.trim(),
            site_ids: role.value === 'kiosk' ? checked(kioskSites) : [],
          });
          issued.replaceChildren(
            h(
              'div',
              { class: 'issued' },
              h('img', { class: 'qr', alt: 'QR', src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(code.qr_svg), width: 180, height: 180 }),
              h('div', {}, h('div', { class: 'kpi-label' }, t('devices.code')), h('div', { class: 'code' }, code.code), code.uri ? h('div', { class: 'small muted' }, code.uri) : null, h('p', { class: 'small' }, t('devices.codeHint', { date: dateTime(code.expires_at) }))),
            ),
          );
        } catch (err) {
          issued.replaceChildren(errorBox(err));
        }
      },
    },
    h('div', { class: 'form-row' }, h('label', { for: 'enroll-role' }, t('devices.enrollRole')), role),
    h('div', { class: 'form-row' }, h('label', { for: 'enroll-days' }, t('devices.enrollDays')), days),
    h('div', { class: 'form-row' }, h('label', { for: 'enroll-server' }, t('devices.enrollServer')), server),
    kioskSites,
    h('button', { class: 'btn btn-primary', type: 'submit' }, t('devices.enrollSubmit')),
  );

  const rows = (list.devices || []).map((d) => {
    const status = h('div', { role: 'status' });
    const active = d.revoked_at === '0' || d.revoked_at === 0;
    const actions = [];
    const own = state.session && d.device_id === state.session.device_id;
    if (active && !own) {
      const rescue = h('input', { type: 'checkbox' });
      actions.push(
        h('label', { class: 'check small' }, rescue, ' ', t('devices.allowRescue')),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-danger',
            onclick: async () => {
              if (!confirm(t('devices.revokeConfirm', { name: d.name }))) return;
              try {
                await api.post(`/api/v1/devices/${d.device_id}/revoke`, { allow_rescue: rescue.checked });
                reload();
              } catch (err) {
                status.replaceChildren(errorBox(err));
              }
            },
          },
          t('devices.revoke'),
        ),
      );
      if (d.role === 'kiosk') {
        const picker = sitePicker(sites, d.site_ids || [], t('devices.sites'));
        actions.push(
          picker,
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-link',
              onclick: async () => {
                try {
                  await api.put(`/api/v1/devices/${d.device_id}/sites`, { site_ids: checked(picker) });
                  status.replaceChildren(h('div', { class: 'alert alert-good' }, t('devices.bound')));
                } catch (err) {
                  status.replaceChildren(errorBox(err));
                }
              },
            },
            t('devices.bind'),
          ),
        );
      }
    }
    return h(
      'tr',
      {},
      h('td', {}, h('strong', {}, d.name), h('div', { class: 'small muted' }, d.platform)),
      h('td', {}, t('role.' + d.role), d.role === 'kiosk' ? h('div', { class: 'small muted' }, (d.site_ids || []).length ? d.site_ids.map(siteName).join(', ') : t('devices.allSites')) : null),
      h('td', {}, Number(d.last_seen_at) ? dateTime(d.last_seen_at) : t('devices.never'), Number(d.outbox) > 0 ? h('div', { class: 'small muted' }, t('devices.outbox', { n: d.outbox })) : null),
      h('td', {}, active ? badge(t('devices.active'), 'good') : badge(t('devices.withdrawn'), 'bad'), d.rescue === 1 ? h('div', { class: 'small muted' }, t('devices.rescue')) : null),
      h('td', { class: 'actions' }, actions, status),
    );
  });

  return h(
    'div',
    { class: 'stack' },
    h('div', { class: 'page-head' }, h('h1', {}, t('devices.title'))),
    card(null, table([t('devices.name'), t('devices.role'), t('devices.lastSeen'), t('devices.state'), { sr: t('devices.actions') }], rows)),
    card(t('devices.enroll'), form, issued),
  );
}
