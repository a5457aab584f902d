import { useState } from 'preact/hooks';
import { analysisTypes } from '../api/analysis-types';
import { api, ask, type Schemas } from '../api/client';
import { ParamsFields, paramsOf, type ParameterValues } from '../components/params-fields';
import { Empty, ErrorNote, Section } from '../components/ui';
import { count, seconds, when } from '../format';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';

type Input = Schemas['CreateAnalysisDto']['input'];

/** Create an analysis: its type, its parameters (a form from their schemas) and its input, then run it. */
export function NewAnalysisPage({ structureId }: { structureId: string }) {
  const types = useLoad(analysisTypes, []);
  const inputs = useLoad(() => inputChoices(structureId), [structureId]);
  const [type, setType] = useState('SSI');
  const [name, setName] = useState('');
  const [input, setInput] = useState('');
  const [params, setParams] = useState<ParameterValues>({});
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const schemas = types.data?.find((entry) => entry.type === type)?.parameters ?? {};

  const submit = async () => {
    const chosen = inputs.data?.find((choice) => choice.key === input);
    if (!chosen) return setError(new Error('input: choose the recording to analyse'));
    setBusy(true);
    try {
      const path = { structureId };
      const created = await ask(
        api.POST('/structures/{structureId}/analyses', {
          params: { path },
          body: {
            type: type as Schemas['CreateAnalysisDto']['type'],
            ...(name ? { name } : {}),
            params: paramsOf(schemas, params),
            input: chosen.input,
          },
        }),
      );
      await ask(
        api.POST('/structures/{structureId}/analyses/{id}/run', {
          params: { path: { ...path, id: created.id } },
        }),
      );
      navigate({ page: 'analysis', structureId, analysisId: created.id });
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <p class="crumbs">
        <a href={href({ page: 'structure', structureId })}>Back to the structure</a>
      </p>
      <h1>New analysis</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Section title="What to analyse" id="analysis-input">
          <ErrorNote error={inputs.error} />
          {inputs.data && inputs.data.length === 0 && (
            <Empty>
              The structure has no finished upload or measurement yet.{' '}
              <a href={href({ page: 'structure', structureId })}>Upload a recording</a> first.
            </Empty>
          )}
          {inputs.data && inputs.data.length > 0 && (
            <div class="field">
              <label for="analysis-input-choice">Recording</label>
              <select
                id="analysis-input-choice"
                value={input}
                onChange={(e) => setInput(e.currentTarget.value)}
                required
              >
                <option value="">Choose a recording…</option>
                {inputs.data.map((choice) => (
                  <option key={choice.key} value={choice.key}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="field">
            <label for="analysis-name">Name (optional)</label>
            <input
              id="analysis-name"
              value={name}
              maxLength={200}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
        </Section>
        <Section title="Method and parameters" id="analysis-method">
          <ErrorNote error={types.error} />
          <div class="field">
            <label for="analysis-type">Method</label>
            <select
              id="analysis-type"
              value={type}
              onChange={(e) => {
                setType(e.currentTarget.value);
                setParams({});
              }}
            >
              {(types.data ?? []).map((entry) => (
                <option key={entry.type} value={entry.type}>
                  {METHOD_NAMES[entry.type] ?? entry.type}
                </option>
              ))}
            </select>
          </div>
          <p class="muted">Every parameter is optional: an empty field takes the default shown.</p>
          <ParamsFields schemas={schemas} values={params} onChange={setParams} idPrefix="param" />
        </Section>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          Create and run
        </button>
      </form>
    </div>
  );
}

const METHOD_NAMES: Record<string, string> = {
  SSI: 'SSI: covariance-driven stochastic subspace identification',
  'SSI-DAT': 'SSI-DAT: data-driven stochastic subspace identification',
  FDD: 'FDD: frequency domain decomposition (with EFDD damping)',
  FSDD: 'FSDD: frequency-spatial domain decomposition',
  PLSCF: 'pLSCF: poly-reference least-squares complex frequency (PolyMAX)',
  PREPROCESSING: 'Preprocessing: detrend, filter, decimate',
};

interface InputChoice {
  key: string;
  label: string;
  input: Input;
}

/** The structure's finished uploads and its latest measurements, as analysis inputs. */
async function inputChoices(structureId: string): Promise<InputChoice[]> {
  const path = { structureId };
  const [uploads, measurements] = await Promise.all([
    ask(api.GET('/structures/{structureId}/uploads', { params: { path, query: { limit: 100 } } })),
    ask(api.GET('/structures/{structureId}/measurements', { params: { path, query: { limit: 100 } } })),
  ]);
  const fromUploads = uploads.items
    .filter((upload) => upload.status === 'DONE')
    .map((upload) => {
      const recording = upload.recording as { channels?: string[]; duration_s?: number } | undefined;
      return {
        key: `upload:${upload.id}`,
        label: `Upload ${upload.file_name}: ${count(recording?.channels?.length ?? 0, 'channel')}, ${seconds(recording?.duration_s)}`,
        input: { source: 'upload' as const, upload_id: upload.id },
      };
    });
  const fromMeasurements = measurements.items.map((measurement) => ({
    key: `measurement:${measurement.id}`,
    label: `Measurement of ${when(measurement.recorded_at ?? measurement.created_at)}: ${count(measurement.channels.length, 'channel')}, ${seconds(measurement.duration_s)}`,
    input: { source: 'measurement' as const, measurement_id: measurement.id },
  }));
  return [...fromUploads, ...fromMeasurements];
}
