import { STAFF_GROUPS, type StaffGroup } from '../../../shared/domain/vocabulary.ts';
import { h, show } from '../dom.ts';
import { GROUP_NL } from '../labels.ts';
import { type AuthConfig, keepSession, localSignIn, startCognitoSignIn } from '../session.ts';

export function renderSignIn(
  main: HTMLElement,
  auth: AuthConfig,
  signedIn: () => void,
  /** Why the person sees this page again (their session ended), if so. */
  notice?: string,
): void {
  const why = notice ? h('p', { role: 'status', class: 'notice' }, notice) : null;
  if (auth.kind === 'cognito') {
    show(
      main,
      h('h1', null, 'Aanmelden'),
      why,
      h('p', null, 'Meld u aan met uw account van de back office.'),
      h('button', { type: 'button', onclick: () => void startCognitoSignIn(auth) }, 'Aanmelden'),
    );
    return;
  }
  const error = h('p', { role: 'alert', class: 'error' });
  const form = h(
    'form',
    { class: 'card narrow', 'aria-labelledby': 'sign-in-title' },
    h(
      'p',
      { class: 'notice' },
      'Lokale ontwikkelomgeving: kies een naam en groepen. Alleen lokaal; op AWS meldt u aan met Amazon Cognito.',
    ),
    h('label', { for: 'username' }, 'Naam'),
    h('input', {
      id: 'username',
      name: 'username',
      required: true,
      autocomplete: 'username',
      pattern: '[A-Za-z0-9._@\\-]{1,100}',
    }),
    h(
      'fieldset',
      null,
      h('legend', null, 'Groepen'),
      STAFF_GROUPS.map((g) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: 'groups', value: g }),
          ` ${g}: ${GROUP_NL[g]}`,
        ),
      ),
    ),
    h('button', { type: 'submit' }, 'Aanmelden'),
    error,
  );
  // Without a group nobody may do anything here; say so rather than open pages that answer 403.
  form.addEventListener('submit', (event) => {
    if (new FormData(form).getAll('groups').length > 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    show(error, 'Kies ten minste één groep.');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    localSignIn(String(data.get('username')), data.getAll('groups') as StaffGroup[])
      .then((session) => {
        keepSession(session);
        signedIn();
      })
      .catch((e: Error) => show(error, e.message));
  });
  show(main, h('h1', { id: 'sign-in-title' }, 'Aanmelden'), why, form);
  (form.querySelector('input') as HTMLInputElement).focus();
}
