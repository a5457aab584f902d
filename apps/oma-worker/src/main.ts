import { appConfig, AppConfig } from '@modalflow/config';
import { createApp, runApp } from '@modalflow/observability';
import { OmaWorkerModule } from './oma-worker.module';

runApp('oma-worker', async () => {
  const app = await createApp(OmaWorkerModule);
  await app.listen(app.get<AppConfig>(appConfig.KEY).ports.omaWorker);
});
