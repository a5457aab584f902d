import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { Params } from 'nestjs-pino';
import { type AppConfig } from '@modalflow/config';

export const CORRELATION_HEADER = 'x-request-id';

/** JSON logs on stdout, and in LOGS_PATH/<app>.log when LOGS_PATH is set. */
export function loggerOptions(appName: string, config: AppConfig, logRequests: boolean): Params {
  const streams: pino.StreamEntry[] = [{ level: config.logLevel as pino.Level, stream: pino.destination(1) }];
  if (config.logsPath) {
    streams.push({
      level: config.logLevel as pino.Level,
      stream: pino.destination({ dest: join(config.logsPath, `${appName}.log`), mkdir: true, sync: false }),
    });
  }
  return {
    // Workers answer only /health and /metrics: no request context for them. (Its AsyncLocalStorage
    // would switch on Node's promise hooks for the whole process: ~5% of a busy worker's CPU.)
    ...(logRequests ? {} : { forRoutes: [] }),
    pinoHttp: [
      {
        name: appName,
        level: config.logLevel,
        autoLogging: logRequests ? { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') } : false,
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          // The API assigns it before anything else runs (apps/api http-edge); workers here.
          const id =
            (req.id as string | undefined) ??
            (req.headers[CORRELATION_HEADER] as string | undefined) ??
            randomUUID();
          res.setHeader(CORRELATION_HEADER, id);
          return id;
        },
        customProps: () => ({ app: appName }),
      },
      pino.multistream(streams),
    ],
  };
}
