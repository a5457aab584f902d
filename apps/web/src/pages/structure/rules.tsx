import { useState } from 'preact/hooks';
import { analysisTypes } from '../../api/analysis-types';
import { api, ask, type Schemas } from '../../api/client';
import { ParamsFields, paramsOf, type ParameterValues } from '../../components/params-fields';
import { Empty, ErrorNote, Section, Table } from '../../components/ui';
import { seconds } from '../../format';
import { useLoad } from '../../hooks';

type Rule = Schemas['MonitoringRuleResponse'];
type Tracking = Schemas['TrackingSettingsDto'];
type MonitoredType = Rule['type'];

/** The tracking settings a rule form offers, with their meaning (the API's defaults as placeholders). */
const TRACKING_FIELDS: Array<{ name: keyof Tracking; label: string; placeholder: number }> = [
  { name: 'alert_percent', label: 'Alert when the frequency moved more than (%)', placeholder: 2 },
  { name: 'clear_percent', label: 'Clear when back within (%)', placeholder: 1 },
  { name: 'baseline_points', label: 'Baseline: median of the first points', placeholder: 10 },
  { name: 'window_points', label: 'Current value: median of the latest points', placeholder: 5 },
  { name: 'min_mac', label: 'A mode joins a track with MAC at least', placeholder: 0.8 },
  { name: 'max_frequency_change_percent', label: '… and within (% of frequency)', placeholder: 10 },
];

/** The structure's monitoring rules: create, edit, enable or disable, delete. */
export function RulesSection({ structureId }: { structureId: string }) {
  const rules = useLoad(
    () =>
      ask(
        api.GET('/structures/{structureId}/monitoring', {
          params: { path: { structureId }, query: { limit: 100 } },
        }),
      ),
    [structureId],
  );
  const [editing, setEditing] = useState<Rule | 'new'>();
  const [error, setError] = useState<Error>();

  const patch = (rule: Rule, body: Schemas['UpdateMonitoringRuleDto']) =>
    ask(
      api.PATCH('/structures/{structureId}/monitoring/{id}', {
        params: { path: { structureId, id: rule.id } },
        body,
      }),
    ).then(rules.reload, setError);
  const startBaseline = (rule: Rule) => {
    if (
      !confirm(
        `Start a new baseline for “${rule.name ?? rule.type}” from now? Its tracks learn their baseline again.`,
      )
    )
      return;
    ask(
      api.POST('/structures/{structureId}/monitoring/{id}/baseline', {
        params: { path: { structureId, id: rule.id } },
        body: {},
      }),
    ).then(rules.reload, setError);
  };
  const remove = (rule: Rule) => {
    if (!confirm(`Delete the rule “${rule.name ?? rule.type}” with its tracked modes and their history?`))
      return;
    ask(
      api.DELETE('/structures/{structureId}/monitoring/{id}', {
        params: { path: { structureId, id: rule.id } },
      }),
    ).then(rules.reload, setError);
  };

  return (
    <Section
      title="Monitoring rules"
      id="rules"
      actions={
        <button type="button" onClick={() => setEditing('new')}>
          New rule
        </button>
      }
    >
      <ErrorNote error={error ?? rules.error} />
      {editing && (
        <RuleForm
          structureId={structureId}
          rule={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(undefined);
            rules.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {rules.data && rules.data.total === 0 && !editing && (
        <Empty>
          No monitoring rule. A rule analyses every new measurement and tracks its modes: choose “New rule”.
        </Empty>
      )}
      {rules.data && rules.data.total > 0 && (
        <Table caption="Monitoring rules" head={['Rule', 'Analysis', 'Alert at', 'Enabled', 'Actions']}>
          {rules.data.items.map((rule) => (
            <tr key={rule.id}>
              <td>
                {rule.name ?? 'unnamed rule'}
                {rule.min_duration_s && (
                  <div class="muted">measurements of {seconds(rule.min_duration_s)} or more</div>
                )}
              </td>
              <td>
                {rule.type}
                {rule.channels && <div class="muted">{rule.channels.join(', ')}</div>}
              </td>
              <td>{(rule.tracking as Tracking).alert_percent} %</td>
              <td>
                <input
                  type="checkbox"
                  checked={rule.enabled}
                  aria-label={`Rule ${rule.name ?? rule.type} enabled`}
                  onChange={(e) => void patch(rule, { enabled: e.currentTarget.checked })}
                />
              </td>
              <td class="actions">
                <button
                  type="button"
                  onClick={() => setEditing(rule)}
                  aria-label={`Edit rule ${rule.name ?? rule.type}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  onClick={() => startBaseline(rule)}
                  aria-label={`New baseline for rule ${rule.name ?? rule.type}`}
                >
                  New baseline
                </button>
                <button
                  type="button"
                  onClick={() => remove(rule)}
                  aria-label={`Delete rule ${rule.name ?? rule.type}`}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

function RuleForm(props: { structureId: string; rule?: Rule; onDone: () => void; onCancel: () => void }) {
  const { rule } = props;
  const [name, setName] = useState(rule?.name ?? '');
  const [type, setType] = useState<MonitoredType>(rule?.type ?? 'SSI');
  const [channels, setChannels] = useState('');
  const [minDuration, setMinDuration] = useState(rule?.min_duration_s?.toString() ?? '');
  const [tracking, setTracking] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(rule?.tracking ?? {}).map(([key, value]) => [key, String(value)])),
  );
  const [params, setParams] = useState<ParameterValues>({});
  const [covariates, setCovariates] = useState('');
  const [training, setTraining] = useState('');
  const [error, setError] = useState<Error>();
  const types = useLoad(analysisTypes, []);
  const schemas = types.data?.find((entry) => entry.type === type)?.parameters ?? {};

  const submit = () => {
    const trackingBody = Object.fromEntries(
      Object.entries(tracking)
        .filter(([, value]) => value.trim() !== '')
        .map(([key, value]) => [key, Number(value)]),
    );
    const common = {
      ...(name ? { name } : {}),
      ...(minDuration ? { min_duration_s: Number(minDuration) } : {}),
      ...(Object.keys(trackingBody).length ? { tracking: trackingBody } : {}),
    };
    const call = rule
      ? api.PATCH('/structures/{structureId}/monitoring/{id}', {
          params: { path: { structureId: props.structureId, id: rule.id } },
          body: common,
        })
      : api.POST('/structures/{structureId}/monitoring', {
          params: { path: { structureId: props.structureId } },
          body: {
            ...common,
            type,
            params: paramsOf(schemas, params),
            ...(covariates.trim()
              ? {
                  compensation: {
                    covariates: listOf(covariates),
                    training_records: Number(training || 0),
                  },
                }
              : {}),
            ...(channels.trim()
              ? {
                  channels: channels
                    .split(',')
                    .map((c) => c.trim())
                    .filter(Boolean),
                }
              : {}),
          },
        });
    ask(call).then(props.onDone, setError);
  };

  return (
    <form
      class="rule-form"
      aria-label={rule ? 'Edit monitoring rule' : 'New monitoring rule'}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div class="field">
        <label for="rule-name">Name</label>
        <input id="rule-name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      {!rule && (
        <>
          <div class="field">
            <label for="rule-type">Analysis of each new measurement</label>
            <select
              id="rule-type"
              value={type}
              onChange={(e) => setType(e.currentTarget.value as MonitoredType)}
            >
              <option value="SSI">SSI (covariance-driven stochastic subspace)</option>
              <option value="SSI-DAT">SSI-DAT (data-driven stochastic subspace)</option>
              <option value="FDD">FDD (frequency domain decomposition)</option>
              <option value="FSDD">FSDD (frequency-spatial domain decomposition)</option>
              <option value="PLSCF">pLSCF (poly-reference least-squares complex frequency)</option>
            </select>
          </div>
          <div class="field">
            <label for="rule-channels">Channels (comma-separated; empty: all)</label>
            <input id="rule-channels" value={channels} onInput={(e) => setChannels(e.currentTarget.value)} />
          </div>
        </>
      )}
      <div class="field">
        <label for="rule-min-duration">Skip measurements shorter than (s)</label>
        <input
          id="rule-min-duration"
          type="number"
          min="0"
          step="any"
          value={minDuration}
          onInput={(e) => setMinDuration(e.currentTarget.value)}
        />
      </div>
      {!rule && (
        <fieldset>
          <legend>Environmental compensation (optional)</legend>
          <p class="muted">
            Each tracked frequency is regressed on these values of the measurements; alerts then come from
            what they do not explain.
          </p>
          <div class="params">
            <div class="field">
              <label for="rule-covariates">Covariates (comma-separated, e.g. temperature_c)</label>
              <input
                id="rule-covariates"
                value={covariates}
                onInput={(e) => setCovariates(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="rule-training">Training records</label>
              <input
                id="rule-training"
                type="number"
                min="5"
                step="1"
                value={training}
                onInput={(e) => setTraining(e.currentTarget.value)}
              />
            </div>
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>Tracking and alerts</legend>
        <div class="params">
          {TRACKING_FIELDS.map((field) => (
            <div class="field" key={field.name}>
              <label for={`rule-${field.name}`}>{field.label}</label>
              <input
                id={`rule-${field.name}`}
                type="number"
                step="any"
                placeholder={String(field.placeholder)}
                value={tracking[field.name] ?? ''}
                onInput={(e) => setTracking({ ...tracking, [field.name]: e.currentTarget.value })}
              />
            </div>
          ))}
        </div>
      </fieldset>
      {!rule && (
        <fieldset>
          <legend>{type} parameters (empty: the default)</legend>
          <ParamsFields schemas={schemas} values={params} onChange={setParams} idPrefix="rule-param" />
        </fieldset>
      )}
      <ErrorNote error={error} />
      <div class="buttons">
        <button type="submit">{rule ? 'Save rule' : 'Create rule'}</button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const listOf = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
