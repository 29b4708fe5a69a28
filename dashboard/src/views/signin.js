import { ApiError, signIn, signInWithLink } from '../api.js';
import { h } from '../dom.js';
import { currentLanguage, languages, setLanguage, t } from '../i18n.js';

function messageOf(e) {
  if (!(e instanceof ApiError)) return t('error.generic', { msg: String(e.message || e) });
  if (e.status === 0) return t('error.offline');
  if (e.status === 429) return t('error.tooMany') + ' (' + e.message + ')';
  if (e.status === 401) return t('error.wrongLogin');
  if (e.status === 403) return e.message;
  return t('error.generic', { msg: e.message });
}

export async function signinView(_params, { afterSignIn, navigate }) {
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const showError = (msg) => {
    error.textContent = msg;
    error.hidden = false;
  };

  // A one-time link: /signin#link=<token>. The token stays out of server logs.
  const link = new URLSearchParams(location.hash.slice(1)).get('link');
  if (link) {
    history.replaceState({}, '', '/signin');
    try {
      const s = await signInWithLink(link);
      await afterSignIn(s);
      return h('p', {}, t('signin.linkWorking'));
    } catch (e) {
      showError(e instanceof ApiError && e.status === 401 ? t('error.linkUsed') : messageOf(e));
    }
  }

  const login = h('input', { id: 'login', name: 'login', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit' }, t('signin.submit'));
  const form = h(
    'form',
    {
      class: 'signin-form',
      onsubmit: async (e) => {
        e.preventDefault();
        submit.disabled = true;
        error.hidden = true;
        try {
          const s = await signIn(login.value.trim(), password.value);
          await afterSignIn(s);
        } catch (err) {
          showError(messageOf(err));
          password.value = '';
          password.focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h1', {}, t('signin.title')),
    error,
    h('label', { for: 'login' }, t('signin.login')),
    login,
    h('label', { for: 'password' }, t('signin.password')),
    password,
    submit,
    h('p', { class: 'muted' }, t('signin.hint')),
  );
  const langs = h(
    'div',
    { class: 'signin-langs', role: 'group', 'aria-label': t('lang') },
    languages.map((l) =>
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-link' + (l.code === currentLanguage() ? ' active' : ''),
          'aria-pressed': l.code === currentLanguage() ? 'true' : 'false',
          onclick: () => {
            setLanguage(l.code);
            navigate('/signin', true);
          },
        },
        l.name,
      ),
    ),
  );
  return h(
    'div',
    { class: 'signin' },
    h(
      'div',
      { class: 'signin-brand' },
      h('img', { src: '/favicon.svg', alt: '', width: 56, height: 56 }),
      h('div', {}, h('div', { class: 'signin-name' }, t('app.name')), h('div', { class: 'signin-tagline' }, t('app.tagline'))),
    ),
    form,
    langs,
  );
}
