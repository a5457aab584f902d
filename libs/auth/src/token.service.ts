import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { authConfig, type AuthConfig, durationSeconds } from '@modalflow/config';
import { type Principal } from '@modalflow/contracts';

interface ModalflowClaims {
  tenant_id: number;
  user_id: number;
  iat?: number;
  exp?: number;
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/**
 * Mints and verifies ModalFlow bearer tokens (HS256; claims tenant_id and user_id, positive safe
 * integers). Every token expires, at most JWT_MAX_LIFETIME after it was issued.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly config: Pick<AuthConfig, 'maxLifetimeSeconds'>,
  ) {}

  mint(principal: Principal, expiresIn?: string): Promise<string> {
    if (!isId(principal.tenantId) || !isId(principal.userId)) {
      throw new Error('tenant and user ids must be positive integers');
    }
    if (expiresIn && durationSeconds(expiresIn) > this.config.maxLifetimeSeconds) {
      throw new Error(`a token may live at most ${this.config.maxLifetimeSeconds} s (JWT_MAX_LIFETIME)`);
    }
    const claims: ModalflowClaims = { tenant_id: principal.tenantId, user_id: principal.userId };
    return this.jwt.signAsync(claims, {
      subject: String(principal.userId),
      ...(expiresIn ? { expiresIn: expiresIn as unknown as number } : {}),
    });
  }

  /** Throws UnauthorizedException with a reason a person can act on. */
  async verify(token: string): Promise<Principal> {
    let claims: Partial<ModalflowClaims>;
    try {
      claims = await this.jwt.verifyAsync<ModalflowClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const reason = (error as Error).name === 'TokenExpiredError' ? 'token expired' : 'invalid token';
      throw new UnauthorizedException(reason);
    }
    if (!isId(claims.tenant_id) || !isId(claims.user_id)) {
      throw new UnauthorizedException('token lacks positive integer tenant_id and user_id claims');
    }
    if (typeof claims.exp !== 'number') throw new UnauthorizedException('token has no expiry (exp)');
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : Date.now() / 1000;
    if (claims.exp - issuedAt > this.config.maxLifetimeSeconds) {
      throw new UnauthorizedException(
        `token lives longer than the allowed ${this.config.maxLifetimeSeconds} s (JWT_MAX_LIFETIME)`,
      );
    }
    return { tenantId: claims.tenant_id, userId: claims.user_id };
  }
}
