import { isMainThread } from 'node:worker_threads';
import { OmaWorkerModule } from './oma-worker.module';
import { appConfig, AppConfig } from '@modalflow/config';
import { createApp, runApp } from '@modalflow/observability';
import { serveAnalyses } from '@modalflow/analyses';

// The same bundle is the worker and its analysis thread (see AnalysisExecutor).
if (isMainThread) {
  runApp('oma-worker', async () => {
    const app = await createApp(OmaWorkerModule);
    await app.listen(app.get<AppConfig>(appConfig.KEY).ports.omaWorker);
  });
} else {
  serveAnalyses();
}
