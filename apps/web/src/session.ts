const STORAGE_KEY = 'modalflow.token';

type Listener = (reason: string | undefined) => void;

/**
 * The bearer token, kept in sessionStorage for this tab. A link `/#token=<jwt>` (what `npm start`
 * prints) signs in and the token leaves the address bar at once; it is never put in a URL the
 * server sees (the fragment is not sent).
 */
class Session {
  private readonly listeners = new Set<Listener>();

  token(): string | null {
    return sessionStorage.getItem(STORAGE_KEY);
  }

  /** Takes a token from `#token=...`, if the address has one, and removes it from the address. */
  adoptFromAddress(): void {
    const match = /^#token=([\w.-]+)/.exec(location.hash);
    if (!match) return;
    sessionStorage.setItem(STORAGE_KEY, match[1]);
    history.replaceState(null, '', `${location.pathname}${location.search}#/structures`);
  }

  begin(token: string): void {
    sessionStorage.setItem(STORAGE_KEY, token.trim());
    this.notify(undefined);
  }

  /** Signs out; `reason` says why when the server refused the token. */
  end(reason?: string): void {
    if (this.token() === null && reason === undefined) return;
    sessionStorage.removeItem(STORAGE_KEY);
    this.notify(reason);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(reason: string | undefined): void {
    for (const listener of this.listeners) listener(reason);
  }
}

export const session = new Session();
