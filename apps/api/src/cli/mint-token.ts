/**
 * Mints a bearer token for local use: npm run token -- --tenant 9 --user 7 [--expires 12h]
 * Uses the same TokenService and JWT_SECRET as the API.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AuthModule, TokenService } from '@modalflow/auth';
import { AppConfigModule } from '@modalflow/config';

@Module({ imports: [AppConfigModule, AuthModule] })
class MintTokenModule {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string', default: '9' },
      user: { type: 'string', default: '7' },
      expires: { type: 'string' },
    },
  });
  const tenantId = Number(values.tenant);
  const userId = Number(values.user);
  if (!Number.isInteger(tenantId) || !Number.isInteger(userId))
    throw new Error('--tenant and --user must be integers');
  const context = await NestFactory.createApplicationContext(MintTokenModule, {
    logger: false,
    abortOnError: false,
  });
  process.stdout.write(`${await context.get(TokenService).mint({ tenantId, userId }, values.expires)}\n`);
  await context.close();
}

main().catch((error: Error) => {
  process.stderr.write(`token: ${error.message}\n`);
  process.exit(1);
});
