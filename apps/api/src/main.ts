import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule } from './api.module';
import { configureHttpEdge } from './common/http-edge';
import { RouteTable } from './common/route-table';
import { setupSwagger } from './common/swagger';
import { UPLOAD_BODY } from './uploads/incoming-file';
import { appConfig, AppConfig } from '@modalflow/config';
import { createApp, runApp } from '@modalflow/observability';

runApp('api', async () => {
  const app = await createApp<NestExpressApplication>(ApiModule, { bodyParser: false });
  const config = app.get<AppConfig>(appConfig.KEY);
  configureHttpEdge(app, config.apiMaxBodyBytes, [UPLOAD_BODY]);
  app.get(RouteTable).load(setupSwagger(app));
  await app.listen(config.ports.api);
});
