import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Principal } from '@modalflow/contracts';

interface ModalflowClaims {
  tenant_id: number;
  user_id: number;
}

/** Mints and verifies ModalFlow bearer tokens (HS256; claims tenant_id and user_id). */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  mint(principal: Principal, expiresIn?: string): Promise<string> {
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
    if (!Number.isInteger(claims.tenant_id) || !Number.isInteger(claims.user_id)) {
      throw new UnauthorizedException('token lacks integer tenant_id and user_id claims');
    }
    return { tenantId: claims.tenant_id!, userId: claims.user_id! };
  }
}
