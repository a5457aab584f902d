import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { fetchObjectUrl } from '../api/client';

export function StatusBadge({ status }: { status: string }) {
  return <span class={`status status-${status.toLowerCase()}`}>{status}</span>;
}

/** A failure the person can act on, read out by screen readers as it appears. */
export function ErrorNote({ error }: { error: Error | string | undefined | null }) {
  if (!error) return null;
  return (
    <p role="alert" class="error">
      {typeof error === 'string' ? error : error.message}
    </p>
  );
}

/** What an empty list means and what to do next. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

export function Section(props: {
  title: string;
  id: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={props.id} class="card">
      <div class="section-head">
        <h2 id={props.id}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** A table that scrolls sideways on a narrow screen, with a caption for screen readers. */
export function Table(props: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((title) => (
              <th scope="col" key={title}>
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A plot the API draws (SVG), fetched with the token and shown as an image. */
export function Plot({ path, alt }: { path: string; alt: string }) {
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    let shown: string | undefined;
    fetchObjectUrl(path).then((made) => setUrl((shown = made)), setError);
    return () => shown && URL.revokeObjectURL(shown);
  }, [path]);
  if (error) return <ErrorNote error={`${alt}: ${error.message}`} />;
  return url ? <img class="plot" src={url} alt={alt} /> : <p class="muted">Drawing {alt.toLowerCase()}…</p>;
}

export function Pager(props: {
  offset: number;
  limit: number;
  total: number;
  onPage: (offset: number) => void;
  label: string;
}) {
  if (props.total <= props.limit) return null;
  const last = Math.min(props.offset + props.limit, props.total);
  return (
    <nav class="pager" aria-label={`${props.label} pages`}>
      <button
        type="button"
        disabled={props.offset === 0}
        onClick={() => props.onPage(Math.max(0, props.offset - props.limit))}
      >
        Previous
      </button>
      <span>
        {props.offset + 1}–{last} of {props.total.toLocaleString()}
      </span>
      <button
        type="button"
        disabled={last >= props.total}
        onClick={() => props.onPage(props.offset + props.limit)}
      >
        Next
      </button>
    </nav>
  );
}
