import { useState } from 'preact/hooks';
import { api, ask, ApiError, type Schemas } from '../api/client';
import { ErrorNote } from '../components/ui';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import { AlertsSection } from './structure/alerts';
import { AnalysesSection } from './structure/analyses';
import { ModesSection } from './structure/modes';
import { RecordingsSection } from './structure/recordings';
import { RulesSection } from './structure/rules';

type Structure = Schemas['StructureResponse'];

/** A structure: its alerts and tracked modes first, then recordings, analyses and rules. */
export function StructurePage({ structureId }: { structureId: string }) {
  const structure = useLoad(
    () => ask(api.GET('/structures/{id}', { params: { path: { id: structureId } } })),
    [structureId],
  );
  if (structure.error)
    return (
      <div class="page">
        <ErrorNote error={structure.error} />
        <a href={href({ page: 'structures' })}>Back to the structures</a>
      </div>
    );
  if (!structure.data) return <p class="page muted">Loading the structure…</p>;
  return (
    <div class="page">
      <StructureHeader structure={structure.data} onRenamed={structure.reload} />
      <AlertsSection structureId={structureId} />
      <ModesSection structureId={structureId} />
      <RecordingsSection structureId={structureId} />
      <AnalysesSection structureId={structureId} />
      <RulesSection structureId={structureId} />
      <DeleteStructure structure={structure.data} />
    </div>
  );
}

function StructureHeader({ structure, onRenamed }: { structure: Structure; onRenamed: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(structure.name);
  const [error, setError] = useState<Error>();
  return (
    <header class="page-head">
      <p class="crumbs">
        <a href={href({ page: 'structures' })}>Structures</a> /
      </p>
      {renaming ? (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            ask(
              api.PATCH('/structures/{id}', { params: { path: { id: structure.id } }, body: { name } }),
            ).then(() => {
              setRenaming(false);
              onRenamed();
            }, setError);
          }}
        >
          <label>
            New name
            <input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={200} />
          </label>
          <button type="submit">Save name</button>
          <button type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div class="title-row">
          <h1>{structure.name}</h1>
          <button type="button" onClick={() => setRenaming(true)}>
            Rename
          </button>
        </div>
      )}
      {structure.location && <p class="muted">{structure.location}</p>}
      <ErrorNote error={error} />
    </header>
  );
}

/**
 * Deleting asks the API first without cascade: when the structure holds analyses or rules, the
 * API says how many, and the person confirms by typing the structure's name.
 */
function DeleteStructure({ structure }: { structure: Structure }) {
  const [cascade, setCascade] = useState<string>();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<Error>();
  const remove = (withCascade: boolean) =>
    ask(
      api.DELETE('/structures/{id}', {
        params: { path: { id: structure.id }, query: withCascade ? { cascade: true } : {} },
      }),
    ).then(
      () => navigate({ page: 'structures' }),
      (failure: Error) =>
        failure instanceof ApiError && failure.status === 409
          ? setCascade(failure.message)
          : setError(failure),
    );
  return (
    <section class="card danger" aria-labelledby="delete-structure">
      <h2 id="delete-structure">Delete this structure</h2>
      {cascade === undefined ? (
        <button type="button" onClick={() => void remove(false)}>
          Delete {structure.name}
        </button>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void remove(true);
          }}
        >
          <p role="alert">
            {cascade.replace(/: delete with \?cascade=true.*$/, '')}. Deleting it deletes them too, with their
            results, tracks and history.
          </p>
          <label>
            Type the structure's name, {structure.name}, to delete all of it
            <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
          </label>
          <button type="submit" disabled={typed !== structure.name}>
            Delete the structure and everything in it
          </button>
        </form>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
