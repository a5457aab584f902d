import { useEffect, useState } from 'preact/hooks';

/**
 * The app's pages, addressed by the URL fragment (`#/structures/<id>`): the API owns every path,
 * so the app never shadows one, and a reload or a shared link opens the same page.
 */
export type Route =
  | { page: 'structures' }
  | { page: 'structure'; structureId: string }
  | { page: 'new-analysis'; structureId: string }
  | { page: 'analysis'; structureId: string; analysisId: string }
  | { page: 'fetch-jobs' }
  | { page: 'fetch-job'; jobId: string }
  | { page: 'activity' }
  | { page: 'webhooks' };

const ID = '([\\w:.-]+)';
const PATTERNS: Array<[RegExp, (match: string[]) => Route]> = [
  [new RegExp(`^#/structures/${ID}/analyses/new$`), (m) => ({ page: 'new-analysis', structureId: m[1] })],
  [
    new RegExp(`^#/structures/${ID}/analyses/${ID}$`),
    (m) => ({ page: 'analysis', structureId: m[1], analysisId: m[2] }),
  ],
  [new RegExp(`^#/structures/${ID}$`), (m) => ({ page: 'structure', structureId: m[1] })],
  [/^#\/fetch-jobs$/, () => ({ page: 'fetch-jobs' })],
  [new RegExp(`^#/fetch-jobs/${ID}$`), (m) => ({ page: 'fetch-job', jobId: m[1] })],
  [/^#\/activity$/, () => ({ page: 'activity' })],
  [/^#\/webhooks$/, () => ({ page: 'webhooks' })],
];

export function parseRoute(hash: string): Route {
  for (const [pattern, route] of PATTERNS) {
    const match = pattern.exec(hash);
    if (match) return route(match);
  }
  return { page: 'structures' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'structures':
      return '#/structures';
    case 'structure':
      return `#/structures/${route.structureId}`;
    case 'new-analysis':
      return `#/structures/${route.structureId}/analyses/new`;
    case 'analysis':
      return `#/structures/${route.structureId}/analyses/${route.analysisId}`;
    case 'fetch-jobs':
      return '#/fetch-jobs';
    case 'fetch-job':
      return `#/fetch-jobs/${route.jobId}`;
    case 'activity':
      return '#/activity';
    case 'webhooks':
      return '#/webhooks';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}
