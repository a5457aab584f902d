import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { HealthRegistry } from './health-registry';
import { Public } from '@modalflow/contracts';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: HealthRegistry,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Health of this app and of every service it depends on' })
  check(): Promise<HealthCheckResult> {
    return this.health.check(this.registry.all());
  }
}
