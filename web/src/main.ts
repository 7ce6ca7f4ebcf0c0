import './styles.css';
import { Api } from './api.ts';
import { h, show } from './dom.ts';
import { GROUP_NL } from './labels.ts';
import { renderCaseList } from './pages/case-list.ts';
import { renderCasePage } from './pages/case-page.ts';
import { renderSignIn } from './pages/sign-in.ts';
import { renderWorklist } from './pages/worklist.ts';
import { refusalContent } from './refusals.ts';
import { currentSession, endSession, finishCognitoSignIn, keepSession, type SiteConfig } from './session.ts';

/** What a page needs: the API as the signed-in person, and where to draw. */
export interface PageContext {
  api: Api;
  session: NonNullable<ReturnType<typeof currentSession>>;
  main: HTMLElement;
  /** Draws the current route again (after an action). */
  refresh: () => Promise<void>;
}

const main = document.getElementById('main') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
let config: SiteConfig;
/** Set when the API answered 401: the sign-in page then says the session ended. */
let sessionExpired = false;

async function route(): Promise<void> {
  const session = currentSession();
  if (!session) {
    show(who);
    // Kept until the person signs in again: the page that met the 401 may draw this page once more.
    const notice = sessionExpired ? 'Uw sessie is verlopen. Meld u opnieuw aan.' : undefined;
    renderSignIn(
      main,
      config.auth,
      () => {
        sessionExpired = false;
        void route().then(() => main.focus({ preventScroll: true }));
      },
      notice,
    );
    return;
  }
  show(
    who,
    h(
      'span',
      { class: 'who' },
      `${session.username} (${session.groups.map((g) => GROUP_NL[g]).join(', ') || 'geen groep'})`,
    ),
    ' ',
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          endSession();
          void route();
        },
      },
      'Afmelden',
    ),
  );
  // Each navigation draws into its own element: one that a later navigation replaced is no longer on
  // the page, so a slow page finishing late cannot draw over the page the person went to.
  const page = h('div', { class: 'page' });
  main.replaceChildren(page);
  const ctx: PageContext = {
    api: new Api(config.apiBase, session, () => {
      endSession();
      sessionExpired = true;
      void route();
    }),
    session,
    main: page,
    refresh: route,
  };
  const [path = '/', query = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  try {
    if (caseMatch) await renderCasePage(ctx, decodeURIComponent(caseMatch[1] as string));
    else if (path === '/worklist') await renderWorklist(ctx, params);
    else await renderCaseList(ctx, params);
  } catch (error) {
    if (!currentSession()) return route();
    show(
      page,
      h('h1', null, 'Er ging iets mis'),
      h('p', { role: 'alert', class: 'error' }, refusalContent(error)),
      h('p', null, h('a', { href: '#/' }, '← Dossiers')),
    );
  }
}

async function start(): Promise<void> {
  config = (await (await fetch('/config.json')).json()) as SiteConfig;
  if (config.auth.kind === 'cognito') {
    const session = await finishCognitoSignIn(config.auth);
    if (session) keepSession(session);
  }
  // The skip link's "#main" is no route: it moves focus to the content and leaves the page as it is.
  document.querySelector('a.skip')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  window.addEventListener('hashchange', () => {
    // A new page starts at its top, with focus on it (screen readers announce it; Tab continues there).
    void route().then(() => {
      window.scrollTo(0, 0);
      main.focus({ preventScroll: true });
    });
  });
  await route();
  document.body.dataset.ready = 'true';
  // The benchmark's "first render": from navigation start until the first page is drawn with its data.
  performance.mark('backoffice-rendered');
}

void start();
