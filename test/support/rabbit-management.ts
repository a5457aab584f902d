/**
 * RabbitMQ's management API of the local services (no @modalflow imports: jest's global setup
 * loads this without the module name mapping).
 */
/** The local services started by scripts/services.sh (override with the usual variables). */
export const RABBITMQ_MANAGEMENT = `http://127.0.0.1:${process.env.RABBITMQ_MANAGEMENT_PORT ?? 15672}`;
const rabbitAuth = `Basic ${Buffer.from(`${process.env.RABBITMQ_USER ?? 'modalflow'}:${process.env.RABBITMQ_PASSWORD ?? 'modalflow'}`).toString('base64')}`;

/** The RabbitMQ vhost of this run, as a management API path segment. */
export const vhostPath = (): string => encodeURIComponent(process.env.RABBITMQ_VHOST ?? '/');

export async function rabbitApi<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${RABBITMQ_MANAGEMENT}/api${path}`, {
    ...init,
    headers: { authorization: rabbitAuth, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!response.ok)
    throw new Error(`RabbitMQ management ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
