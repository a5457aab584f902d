import { ProcessingWorkerModule } from './processing-worker.module';
import { appConfig, AppConfig } from '@modalflow/config';
import { connectWorkQueues } from '@modalflow/messaging';
import { createApp, runApp } from '@modalflow/observability';

runApp('processing-worker', async () => {
  const app = await createApp(ProcessingWorkerModule);
  connectWorkQueues(app);
  await app.startAllMicroservices();
  await app.listen(app.get<AppConfig>(appConfig.KEY).ports.processingWorker);
});
