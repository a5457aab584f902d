import { Injectable } from '@nestjs/common';

/**
 * What another feature keeps of a structure (its analyses, its monitoring rules), so that deleting
 * the structure can count and remove it. A feature registers its part when its module starts; the
 * structures feature depends on none of them.
 */
export interface StructurePart {
  /** Plural noun for messages: "analyses", "monitoring rules". */
  name: string;
  /** Lower first. Monitoring rules go before analyses, so no new measurement starts another run. */
  removalOrder: number;
  count(tenantId: number, structureId: string): Promise<number>;
  removeAll(tenantId: number, structureId: string): Promise<void>;
}

@Injectable()
export class StructureParts {
  private readonly parts: StructurePart[] = [];

  register(part: StructurePart): void {
    this.parts.push(part);
    this.parts.sort((a, b) => a.removalOrder - b.removalOrder);
  }

  all(): readonly StructurePart[] {
    return this.parts;
  }
}
