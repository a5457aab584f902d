import { useState } from 'preact/hooks';
import { api, ask } from '../../api/client';
import { Empty, ErrorNote, Pager, Section, StatusBadge, Table } from '../../components/ui';
import { bytes, count, seconds, when } from '../../format';
import { useLoad, useReloadOn } from '../../hooks';
import { href } from '../../router';
import { UploadForm } from './upload-form';

const PAGE = 20;

/** Uploads (with the upload form) and measurements from fetch jobs: what analyses take as input. */
export function RecordingsSection({ structureId }: { structureId: string }) {
  return (
    <>
      <UploadsPart structureId={structureId} />
      <MeasurementsPart structureId={structureId} />
    </>
  );
}

function UploadsPart({ structureId }: { structureId: string }) {
  const [offset, setOffset] = useState(0);
  const uploads = useLoad(
    () =>
      ask(
        api.GET('/structures/{structureId}/uploads', {
          params: { path: { structureId }, query: { offset, limit: PAGE } },
        }),
      ),
    [structureId, offset],
  );
  useReloadOn(
    (event) => event.run_type === 'UPLOAD' && event.structure_id === structureId,
    uploads.reload,
    300,
  );
  return (
    <Section title="Uploads" id="uploads">
      <UploadForm structureId={structureId} onUploaded={uploads.reload} />
      <ErrorNote error={uploads.error} />
      {uploads.data && uploads.data.total === 0 && <Empty>No upload yet: send a CSV recording above.</Empty>}
      {uploads.data && uploads.data.total > 0 && (
        <>
          <Table caption="Uploads" head={['File', 'Status', 'Size', 'Recording', 'Recorded', 'Environment']}>
            {uploads.data.items.map((upload) => (
              <tr key={upload.id}>
                <td>{upload.file_name}</td>
                <td>
                  <StatusBadge status={upload.status} />
                  {upload.error && <div class="error-text">{upload.error}</div>}
                </td>
                <td>{bytes(upload.size ?? upload.bytes_received)}</td>
                <td>{recordingText(upload.recording)}</td>
                <td>{when(upload.recorded_at ?? upload.created_at)}</td>
                <td>{environmentText(upload.environment)}</td>
              </tr>
            ))}
          </Table>
          <Pager label="Uploads" offset={offset} limit={PAGE} total={uploads.data.total} onPage={setOffset} />
        </>
      )}
    </Section>
  );
}

function recordingText(recording: Record<string, unknown> | undefined): string {
  if (!recording) return '–';
  const {
    channels,
    sampling_rate_hz: rate,
    duration_s: duration,
  } = recording as {
    channels: string[];
    sampling_rate_hz: number;
    duration_s: number;
  };
  return `${count(channels.length, 'channel')}, ${rate} Hz, ${seconds(duration)}`;
}

function MeasurementsPart({ structureId }: { structureId: string }) {
  const [offset, setOffset] = useState(0);
  const measurements = useLoad(
    () =>
      ask(
        api.GET('/structures/{structureId}/measurements', {
          params: { path: { structureId }, query: { offset, limit: PAGE } },
        }),
      ),
    [structureId, offset],
  );
  useReloadOn((event) => event.run_type === 'FETCH' && event.status === 'DONE', measurements.reload, 1000);
  return (
    <Section title="Measurements" id="measurements">
      <ErrorNote error={measurements.error} />
      {measurements.data && measurements.data.total === 0 && (
        <Empty>
          No measurement from a fetch job yet. <a href={href({ page: 'fetch-jobs' })}>Start a fetch job</a>{' '}
          for this structure to pull recordings from your data logger's export.
        </Empty>
      )}
      {measurements.data && measurements.data.total > 0 && (
        <>
          <Table
            caption="Measurements"
            head={['Recorded', 'Channels', 'Sampling rate', 'Duration', 'Environment', 'Source']}
          >
            {measurements.data.items.map((measurement) => (
              <tr key={measurement.id}>
                <td>{when(measurement.recorded_at ?? measurement.created_at)}</td>
                <td>{measurement.channels.join(', ')}</td>
                <td>{measurement.sampling_rate_hz} Hz</td>
                <td>{seconds(measurement.duration_s)}</td>
                <td>{environmentText(measurement.environment)}</td>
                <td>
                  {measurement.source.job_id ? (
                    <a href={href({ page: 'fetch-job', jobId: measurement.source.job_id })}>
                      fetch job, {measurement.source.resource_id}
                    </a>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </Table>
          <Pager
            label="Measurements"
            offset={offset}
            limit={PAGE}
            total={measurements.data.total}
            onPage={setOffset}
          />
        </>
      )}
    </Section>
  );
}

const environmentText = (environment: Record<string, number> | undefined): string =>
  environment && Object.keys(environment).length
    ? Object.entries(environment)
        .map(([name, value]) => `${name} ${value}`)
        .join(', ')
    : '–';
