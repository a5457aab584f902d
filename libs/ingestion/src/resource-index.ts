import { checkEnvironment, type Environment } from './environment';

/** One entry of a source's index, as the fetch worker accepts it. */
export interface SourceResource {
  id: string;
  creation_date: Date;
  /** Inline data: an array of records, an object of channel arrays, or CSV text. */
  data?: unknown;
  /** Or the URL of its data (CSV or JSON). */
  url?: string;
  /** Environmental values at the measurement (temperature, wind...), by name. */
  environment?: Environment;
}

export type ResourceCheck =
  { valid: true; resource: SourceResource } | { valid: false; id?: string; index: number; reason: string };

export class UnreadableIndexError extends Error {
  override name = 'UnreadableIndexError';
}

/**
 * Reads a source index: a JSON array of resources, or NDJSON (one resource per line). A JSON
 * document that is not an array, or an NDJSON line that is not JSON, makes the whole index unreadable.
 */
export function parseResourceIndex(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new UnreadableIndexError('source is not valid JSON');
    }
    if (!Array.isArray(parsed)) throw new UnreadableIndexError('source is neither a JSON array nor NDJSON');
    return parsed;
  }
  return trimmed.split(/\r?\n/).flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch {
      throw new UnreadableIndexError(`source is neither a JSON array nor NDJSON: line ${i + 1} is not JSON`);
    }
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** A date as given, or undefined when it is not one; `2021-02-30` is not (Date would roll it to March). */
function parseCreationDate(value: string | number): Date | undefined {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const parts = typeof value === 'string' ? ISO_DATE.exec(value.trim()) : null;
  if (parts) {
    const [year, month, day] = parts.slice(1).map(Number);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  }
  return date;
}

/**
 * Checks one index entry: an `id`, a valid `creation_date`, either inline `data` or a `url`, and
 * optionally an `environment` of numbers by name.
 */
export function checkResource(entry: unknown, index: number): ResourceCheck {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { valid: false, index, reason: 'not an object' };
  }
  const raw = entry as Record<string, unknown>;
  const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : undefined;
  const invalid = (reason: string): ResourceCheck => ({ valid: false, id, index, reason });
  if (id === undefined || id.trim() === '') return invalid('missing id');
  if (typeof raw.creation_date !== 'string' && typeof raw.creation_date !== 'number') {
    return invalid('missing creation_date');
  }
  const created = parseCreationDate(raw.creation_date);
  if (!created) return invalid('creation_date is not a valid date (ISO 8601 or epoch milliseconds)');
  const hasData = raw.data !== undefined && raw.data !== null;
  const hasUrl = typeof raw.url === 'string' && raw.url !== '';
  if (hasData && hasUrl) return invalid('has both data and url; give one');
  if (!hasData && !hasUrl) return invalid('has neither data nor url');
  if (hasUrl && !isHttpUrl(raw.url as string)) return invalid('url is not an http(s) URL');
  const environment = raw.environment === undefined ? undefined : checkEnvironment(raw.environment);
  if (environment && !environment.valid) return invalid(environment.reason);
  const resource: SourceResource = { id, creation_date: created };
  if (environment?.valid) resource.environment = environment.environment;
  if (hasData) resource.data = raw.data;
  else resource.url = raw.url as string;
  return { valid: true, resource };
}
