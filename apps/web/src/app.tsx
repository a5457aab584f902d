import { useEffect, useState } from 'preact/hooks';
import { api, ask, type Schemas } from './api/client';
import { live, type LiveState } from './live';
import { href, useRoute, type Route } from './router';
import { session } from './session';
import { SignIn } from './pages/sign-in';
import { StructuresPage } from './pages/structures';
import { StructurePage } from './pages/structure';
import { NewAnalysisPage } from './pages/new-analysis';
import { AnalysisPage } from './pages/analysis';
import { FetchJobsPage } from './pages/fetch-jobs';
import { FetchJobPage } from './pages/fetch-job';
import { ActivityPage } from './pages/activity';
import { WebhooksPage } from './pages/webhooks';

type Who = Schemas['SessionResponse'];

/** Signed out: the sign-in form (with why, when the server refused the token); else the pages. */
export function App() {
  const [who, setWho] = useState<Who>();
  const [reason, setReason] = useState<string>();
  const [token, setToken] = useState(session.token());

  useEffect(
    () =>
      session.onChange((why) => {
        setReason(why);
        setToken(session.token());
      }),
    [],
  );

  useEffect(() => {
    setWho(undefined);
    if (!token) return live.disconnect();
    let current = true;
    ask(api.GET('/session')).then(
      (found) => {
        if (!current) return;
        setWho(found);
        live.connect();
      },
      (error: Error) => current && session.end(error.message),
    );
    return () => {
      current = false;
    };
  }, [token]);

  if (!token) return <SignIn reason={reason} />;
  if (!who) return <p class="muted page">Signing in…</p>;
  return <SignedIn who={who} />;
}

const NAV: Array<{ route: Route; label: string; pages: Route['page'][] }> = [
  {
    route: { page: 'structures' },
    label: 'Structures',
    pages: ['structures', 'structure', 'new-analysis', 'analysis'],
  },
  { route: { page: 'fetch-jobs' }, label: 'Fetch jobs', pages: ['fetch-jobs', 'fetch-job'] },
  { route: { page: 'activity' }, label: 'Activity', pages: ['activity'] },
  { route: { page: 'webhooks' }, label: 'Webhooks', pages: ['webhooks'] },
];

function SignedIn({ who }: { who: Who }) {
  const route = useRoute();
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/structures">
          ModalFlow
        </a>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <a
              key={item.label}
              href={href(item.route)}
              aria-current={item.pages.includes(route.page) ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <div class="who">
          <LiveIndicator />
          <span>
            Tenant {who.tenant_id} · user {who.user_id}
          </span>
          <button type="button" onClick={() => session.end()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'structures':
      return <StructuresPage />;
    case 'structure':
      return <StructurePage structureId={route.structureId} />;
    case 'new-analysis':
      return <NewAnalysisPage structureId={route.structureId} />;
    case 'analysis':
      return <AnalysisPage structureId={route.structureId} analysisId={route.analysisId} />;
    case 'fetch-jobs':
      return <FetchJobsPage />;
    case 'fetch-job':
      return <FetchJobPage jobId={route.jobId} />;
    case 'activity':
      return <ActivityPage />;
    case 'webhooks':
      return <WebhooksPage />;
  }
}

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  offline: 'offline',
};

function LiveIndicator() {
  const [state, setState] = useState<LiveState>('offline');
  useEffect(() => live.onState((next) => setState(next)), []);
  return (
    <span class={`live live-${state}`} role="status" aria-live="polite">
      {LIVE_TEXT[state]}
    </span>
  );
}
