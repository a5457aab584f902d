import { appConfig, AppConfig } from '@modalflow/config';
import { createApp, runApp } from '@modalflow/observability';
import { ApiModule } from './api.module';
import { setupSwagger } from './common/swagger';

runApp('api', async () => {
  const app = await createApp(ApiModule);
  setupSwagger(app);
  await app.listen(app.get<AppConfig>(appConfig.KEY).ports.api);
});
