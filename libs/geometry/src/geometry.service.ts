import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { StructureGeometry, StructureGeometryRepository } from './persistence/structure-geometry.repository';
import { AnalysesService } from '@modalflow/analyses';
import { type Principal, fieldError } from '@modalflow/contracts';
import {
  type CheckedGeometry,
  checkGeometry,
  geometryFromSheets,
  type GeometrySheets,
  type Geometry,
  GeometryError,
  type IdentifiedMode,
  modeOnGeometry,
  realShape,
} from '@modalflow/oma';
import { StructureRepository, requireStructure } from '@modalflow/structures';

/** Versions stored by PUTs racing each other are tried this often. */
const MAX_ATTEMPTS = 5;

/** Each mode of a result as node displacements on the structure's geometry. */
export interface ModeShapesOnGeometry {
  analysis_id: string;
  geometry_version: number;
  channels: string[];
  /** Sensors of the geometry whose channel the result does not have (their nodes rest). */
  missing_channels: string[];
  modes: Array<{
    frequency_hz: number;
    damping_ratio: number | null;
    mpc?: number;
    phase_spread_deg: number;
    nodes: Record<string, [number, number, number]>;
  }>;
}

/** A structure's geometry (docs/geometry.md): its versions, and results' mode shapes drawn on it. */
@Injectable()
export class GeometryService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly geometries: StructureGeometryRepository,
    private readonly analyses: AnalysesService,
  ) {}

  /** Stores the geometry as the structure's next version (400 naming the field when refused). */
  async put(principal: Principal, structureId: string, geometry: Geometry): Promise<StructureGeometry> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    let checked;
    try {
      checked = checkGeometry(geometry);
    } catch (error) {
      if (error instanceof GeometryError) throw fieldError(error.field, error.problem);
      throw error;
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [latest] = await this.geometries.versions(principal.tenantId, structureId);
      const next: StructureGeometry = {
        tenant_id: principal.tenantId,
        structure_id: structureId,
        version: (latest?.version ?? 0) + 1,
        geometry: checked,
        created_by: principal.userId,
        created_at: new Date(),
      };
      if (await this.geometries.insertVersion(next)) return next;
    }
    throw new ConflictException(`the geometry of structure ${structureId} changed meanwhile; send it again`);
  }

  /** The same from CSV sheets (docs/geometry.md, "From sheets"). */
  async putSheets(
    principal: Principal,
    structureId: string,
    sheets: GeometrySheets,
  ): Promise<StructureGeometry> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    let geometry: Geometry;
    try {
      geometry = geometryFromSheets(sheets);
    } catch (error) {
      if (error instanceof GeometryError) throw fieldError(error.field, error.problem);
      throw error;
    }
    return this.put(principal, structureId, geometry);
  }

  /** The latest version, or the one asked for; 404 when there is none. */
  async get(principal: Principal, structureId: string, version?: number): Promise<StructureGeometry> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const wanted = version ?? (await this.geometries.versions(principal.tenantId, structureId))[0]?.version;
    const found = wanted && (await this.geometries.version(principal.tenantId, structureId, wanted));
    if (!found)
      throw new NotFoundException(
        version
          ? `structure ${structureId} has no geometry version ${version}`
          : `structure ${structureId} has no geometry yet`,
      );
    return found;
  }

  /**
   * The modes of an FDD or SSI result on the geometry of its time (the latest version stored before
   * the result; the first one when all came after it), or on the version asked for. 409 when the
   * analysis has no result with modes or the structure no geometry.
   */
  async modeShapes(
    principal: Principal,
    structureId: string,
    analysisId: string,
    version?: number,
  ): Promise<ModeShapesOnGeometry> {
    return (await this.drawn(principal, structureId, analysisId, version)).shapes;
  }

  /** The mode shapes and the geometry version they are drawn on. */
  async drawn(
    principal: Principal,
    structureId: string,
    analysisId: string,
    version?: number,
  ): Promise<{ shapes: ModeShapesOnGeometry; geometry: CheckedGeometry }> {
    const record = await this.analyses.latestResult(principal, structureId, analysisId);
    const result = record.result as { channels?: string[]; modes?: IdentifiedMode[] };
    if (!Array.isArray(result.modes) || !Array.isArray(result.channels))
      throw new ConflictException(`analysis ${analysisId} is ${record.type}: it has no modes to draw`);
    const versions = await this.geometries.versions(principal.tenantId, structureId);
    if (!versions.length)
      throw new ConflictException(
        `structure ${structureId} has no geometry: PUT /structures/${structureId}/geometry first`,
      );
    const chosen =
      version ?? (versions.find((v) => v.created_at <= record.created_at) ?? versions.at(-1)!).version;
    // The structure is the caller's (latestResult checked it): the version is read directly.
    const stored = await this.geometries.version(principal.tenantId, structureId, chosen);
    if (!stored) throw new NotFoundException(`structure ${structureId} has no geometry version ${chosen}`);
    const { geometry } = stored;
    const channels = result.channels;
    const drawn = result.modes.map((mode) => ({
      mode,
      on: modeOnGeometry(geometry, channels, realShape(mode.mode_shape)),
    }));
    const shapes: ModeShapesOnGeometry = {
      analysis_id: analysisId,
      geometry_version: chosen,
      channels,
      missing_channels: drawn[0]?.on.missing_channels ?? [],
      modes: drawn.map(({ mode, on }) => ({
        frequency_hz: mode.frequency_hz,
        damping_ratio: mode.damping_ratio,
        ...(mode.mpc !== undefined ? { mpc: mode.mpc } : {}),
        phase_spread_deg: on.phase_spread_deg,
        nodes: on.nodes,
      })),
    };
    return { shapes, geometry };
  }
}
