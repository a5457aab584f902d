import { Injectable } from '@nestjs/common';
import { HealthIndicatorFunction } from '@nestjs/terminus';

/**
 * Each connection module registers a check for the dependency it owns, so /health reports exactly
 * the services an app uses without the app listing them again.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthIndicatorFunction>();

  register(name: string, check: HealthIndicatorFunction): void {
    this.checks.set(name, check);
  }

  all(): HealthIndicatorFunction[] {
    return [...this.checks.values()];
  }
}
