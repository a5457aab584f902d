import { JwtService } from '@nestjs/jwt';
import { TokenService } from '@modalflow/auth';

/** Tokens signed like the API's (same TokenService, same default secret). */
const tokens = new TokenService(
  new JwtService({
    secret: process.env.JWT_SECRET ?? 'modalflow-local-development-secret',
    signOptions: { algorithm: 'HS256', expiresIn: '1h' },
  }),
  { maxLifetimeSeconds: 30 * 86_400 },
);

export function tokenFor(tenantId: number, userId = 1, expiresIn?: string): Promise<string> {
  return tokens.mint({ tenantId, userId }, expiresIn);
}
