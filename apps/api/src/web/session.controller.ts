import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';

class SessionResponse {
  @ApiProperty({ example: 9 }) tenant_id: number;
  @ApiProperty({ example: 7 }) user_id: number;
}

@ApiTags('session')
@Controller('session')
export class SessionController {
  @Get()
  @ApiOkResponse({ type: SessionResponse, description: 'Whom the bearer token stands for' })
  @ApiUnauthorizedResponse({ description: 'No token, or an invalid or expired one (the message says which)' })
  get(@CurrentPrincipal() principal: Principal): SessionResponse {
    return { tenant_id: principal.tenantId, user_id: principal.userId };
  }
}
