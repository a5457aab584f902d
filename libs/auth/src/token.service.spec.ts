import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TokenService } from './token.service';

describe('TokenService', () => {
  const lifetime = { maxLifetimeSeconds: 86_400 };
  const tokens = new TokenService(
    new JwtService({ secret: 'a-secret-of-sixteen+', signOptions: { algorithm: 'HS256', expiresIn: '1h' } }),
    lifetime,
  );

  it('round-trips tenant and user as integer claims', async () => {
    const token = await tokens.mint({ tenantId: 9, userId: 7 });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({ tenant_id: 9, user_id: 7, sub: '7' });
    await expect(tokens.verify(token)).resolves.toEqual({ tenantId: 9, userId: 7 });
  });

  it('rejects an expired token saying so', async () => {
    const token = await tokens.mint({ tenantId: 9, userId: 7 }, '-10s');
    await expect(tokens.verify(token)).rejects.toThrow(new UnauthorizedException('token expired'));
  });

  it('rejects a token signed with another secret', async () => {
    const other = new TokenService(
      new JwtService({
        secret: 'another-secret-of-16',
        signOptions: { algorithm: 'HS256', expiresIn: '1h' },
      }),
      lifetime,
    );
    await expect(tokens.verify(await other.mint({ tenantId: 9, userId: 7 }))).rejects.toThrow(
      'invalid token',
    );
  });

  it.each([
    ['a string', { tenant_id: 'nine', user_id: 7 }],
    ['1e300', { tenant_id: 1e300, user_id: 7 }],
    ['zero', { tenant_id: 0, user_id: 7 }],
    ['negative', { tenant_id: 9, user_id: -7 }],
    ['a fraction', { tenant_id: 9.5, user_id: 7 }],
  ])('rejects a validly signed token whose ids are %s', async (_what, claims) => {
    const jwt = new JwtService({ secret: 'a-secret-of-sixteen+' });
    const token = await jwt.signAsync(claims, { expiresIn: '1h' });
    await expect(tokens.verify(token)).rejects.toThrow(
      'token lacks positive integer tenant_id and user_id claims',
    );
  });

  it('rejects a token that never expires, or lives longer than JWT_MAX_LIFETIME', async () => {
    const jwt = new JwtService({ secret: 'a-secret-of-sixteen+' });
    await expect(tokens.verify(await jwt.signAsync({ tenant_id: 9, user_id: 7 }))).rejects.toThrow(
      'token has no expiry (exp)',
    );
    await expect(
      tokens.verify(await jwt.signAsync({ tenant_id: 9, user_id: 7 }, { expiresIn: '2d' })),
    ).rejects.toThrow('token lives longer than the allowed 86400 s (JWT_MAX_LIFETIME)');
    const noIssuedAt = await jwt.signAsync(
      { tenant_id: 9, user_id: 7, exp: Math.floor(Date.now() / 1000) + 3 * 86_400 },
      { noTimestamp: true },
    );
    await expect(tokens.verify(noIssuedAt)).rejects.toThrow('JWT_MAX_LIFETIME');
  });
});
