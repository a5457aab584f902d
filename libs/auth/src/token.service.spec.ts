import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TokenService } from './token.service';

describe('TokenService', () => {
  const tokens = new TokenService(
    new JwtService({ secret: 'a-secret-of-sixteen+', signOptions: { algorithm: 'HS256' } }),
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
      new JwtService({ secret: 'another-secret-of-16', signOptions: { algorithm: 'HS256' } }),
    );
    await expect(tokens.verify(await other.mint({ tenantId: 9, userId: 7 }))).rejects.toThrow(
      'invalid token',
    );
  });

  it('rejects a validly signed token without integer tenant and user claims', async () => {
    const jwt = new JwtService({ secret: 'a-secret-of-sixteen+' });
    const token = await jwt.signAsync({ tenant_id: 'nine', user_id: 7 });
    await expect(tokens.verify(token)).rejects.toThrow('token lacks integer tenant_id and user_id claims');
  });
});
