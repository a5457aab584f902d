import { useState } from 'preact/hooks';
import { ErrorNote } from '../components/ui';
import { session } from '../session';

/** Paste a token, or open the link `npm start` prints (`/#token=...`). */
export function SignIn({ reason }: { reason?: string }) {
  const [token, setToken] = useState('');
  return (
    <main id="main" class="sign-in">
      <h1>ModalFlow</h1>
      <p>Operational modal analysis and monitoring of your structures.</p>
      {reason && <ErrorNote error={`Signed out: ${reason}`} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim()) session.begin(token);
        }}
      >
        <label for="token">Access token</label>
        <textarea
          id="token"
          rows={4}
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
          placeholder="eyJhbGciOi…"
          autocomplete="off"
          spellcheck={false}
          required
        />
        <button type="submit">Sign in</button>
      </form>
      <p class="muted">
        <code>npm start</code> prints a sign-in link; <code>npm run token -- --tenant 9 --user 7</code> mints
        a token.
      </p>
    </main>
  );
}
