import { INestApplication } from '@nestjs/common';
import { IEntryNestModule, NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadEnvironment } from '@modalflow/config';

/**
 * Runs an app's start-up. A failure (bad configuration, a service that never became reachable)
 * prints one line naming the cause and exits non-zero instead of a stack trace.
 */
export function runApp(appName: string, start: () => Promise<void>): void {
  Promise.resolve()
    .then(() => {
      loadEnvironment();
      return start();
    })
    .catch((error: Error) => {
      const line = JSON.stringify({
        level: 'fatal',
        app: appName,
        time: Date.now(),
        msg: `${appName} failed to start: ${error.message}`,
      });
      process.stderr.write(`${line}\n`);
      process.exit(1);
    });
}

/**
 * An HTTP app with the pino logger and SIGTERM/SIGINT handling, not yet listening. `bodyParser:
 * false` leaves body parsing to the app (the API parses bodies behind its own checks).
 */
export async function createApp<T extends INestApplication = INestApplication>(
  module: IEntryNestModule,
  options: { bodyParser?: boolean } = {},
): Promise<T> {
  const app = await NestFactory.create<T>(module, { bufferLogs: true, abortOnError: false, ...options });
  app.useLogger(app.get(Logger));
  // Exit 0 after a clean shutdown (the default re-raises the signal), once pino has flushed.
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}
