import { FetchWorkerModule } from './fetch-worker.module';
import { appConfig, AppConfig } from '@modalflow/config';
import { connectWorkQueues } from '@modalflow/messaging';
import { createApp, runApp } from '@modalflow/observability';

runApp('fetch-worker', async () => {
  const app = await createApp(FetchWorkerModule);
  connectWorkQueues(app);
  await app.startAllMicroservices();
  await app.listen(app.get<AppConfig>(appConfig.KEY).ports.fetchWorker);
});
