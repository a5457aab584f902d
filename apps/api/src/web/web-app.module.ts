import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { SessionController } from './session.controller';

/** Where `npm run build` puts the web app (apps/web): beside the API's own bundle. */
export const WEB_APP_ROOT = join(__dirname, '..', 'web');

/**
 * The engineer's web app (docs/web-app.md): its files at `/` (index.html and hashed assets; the app
 * routes by URL fragment, so no API path is shadowed) and the one route it needs beyond the API.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: WEB_APP_ROOT,
      renderPath: '/',
      serveStaticOptions: {
        index: false,
        fallthrough: true,
        // Assets are named by their content hash; index.html names the current ones.
        setHeaders: (response: ServerResponse, path: string) =>
          response.setHeader(
            'Cache-Control',
            path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
          ),
      },
    }),
  ],
  controllers: [SessionController],
})
export class WebAppModule {}
