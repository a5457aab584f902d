import { useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { ErrorNote } from '../../components/ui';
import { bytes } from '../../format';
import { session } from '../../session';

type Upload = Schemas['UploadResponse'];

/**
 * A recording (CSV) dropped or picked, sent as it is read with its progress shown (XMLHttpRequest:
 * fetch reports no upload progress); the check that follows shows in the uploads table, live.
 */
export function UploadForm({
  structureId,
  onUploaded,
}: {
  structureId: string;
  onUploaded: (upload: Upload) => void;
}) {
  const [rate, setRate] = useState('');
  const [recordedAt, setRecordedAt] = useState('');
  const [environment, setEnvironment] = useState('');
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number }>();
  const [error, setError] = useState<string>();
  const [dragging, setDragging] = useState(false);

  const send = (file: File) => {
    setError(undefined);
    setProgress({ name: file.name, sent: 0, total: file.size });
    const query = new URLSearchParams({ file_name: file.name });
    if (rate) query.set('sampling_rate_hz', rate);
    if (recordedAt) query.set('recorded_at', new Date(recordedAt).toISOString());
    if (environment.trim()) query.set('environment', environmentJson(environment));
    const request = new XMLHttpRequest();
    request.open('POST', `/structures/${encodeURIComponent(structureId)}/uploads?${query}`);
    request.setRequestHeader('authorization', `Bearer ${session.token()}`);
    request.setRequestHeader('content-type', 'text/csv');
    request.upload.onprogress = (event) =>
      setProgress({ name: file.name, sent: event.loaded, total: event.total || file.size });
    request.onload = () => {
      setProgress(undefined);
      const answer = parse(request.responseText);
      if (request.status === 202) return onUploaded(answer as Upload);
      if (request.status === 401) return session.end(messageOf(answer) ?? 'the token was refused');
      setError(`${file.name} was refused: ${messageOf(answer) ?? `the server answered ${request.status}`}`);
    };
    request.onerror = () => {
      setProgress(undefined);
      setError(`${file.name} could not be sent: the connection failed`);
    };
    request.send(file);
  };

  return (
    <form class="upload" onSubmit={(event) => event.preventDefault()}>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer?.files[0];
          if (file) send(file);
        }}
      >
        <p>Drop a CSV recording here, or</p>
        <label class="button">
          Choose a CSV file
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            class="visually-hidden"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) send(file);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <label>
          Sampling rate (Hz), when the file has no time column
          <input
            type="number"
            min="0"
            step="any"
            inputMode="decimal"
            value={rate}
            onInput={(e) => setRate(e.currentTarget.value)}
          />
        </label>
        <label>
          Recorded at (default: now)
          <input
            type="datetime-local"
            value={recordedAt}
            onInput={(e) => setRecordedAt(e.currentTarget.value)}
          />
        </label>
        <label>
          Environment, e.g. temperature_c=4.5, wind_mps=7
          <input
            value={environment}
            onInput={(e) => setEnvironment(e.currentTarget.value)}
            autocomplete="off"
          />
        </label>
      </div>
      {progress && (
        <p>
          <label>
            Sending {progress.name}: {bytes(progress.sent)} of {bytes(progress.total)}
            <progress max={progress.total} value={progress.sent} />
          </label>
        </p>
      )}
      <ErrorNote error={error} />
    </form>
  );
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messageOf(answer: unknown): string | undefined {
  const message = (answer as { message?: unknown } | undefined)?.message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
}

/**
 * `temperature_c=4.5, wind_mps=7` as the JSON the API takes; what is not a number is sent as it is
 * typed, for the API to name what is wrong.
 */
function environmentJson(text: string): string {
  const pairs = text
    .split(',')
    .map((pair) => pair.split('=').map((part) => part.trim()))
    .filter(([name]) => name);
  const value = (typed: string | undefined) =>
    typed !== undefined && typed !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed;
  return JSON.stringify(Object.fromEntries(pairs.map(([name, typed]) => [name, value(typed)])));
}
