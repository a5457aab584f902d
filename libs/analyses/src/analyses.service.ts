import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { asBadRequest } from './oma-input-error';
import { AnalysisInputs } from './inputs/analysis-inputs';
import type { AnalysisFilter, CreateAnalysis } from './analysis-requests';
import { ACTIVE_ANALYSIS_STATUSES, INACTIVE_ANALYSIS_STATUSES } from './analysis-status';
import { Analysis, AnalysisResultRecord } from './persistence/analysis.schema';
import { AnalysisRepository } from './persistence/analysis.repository';
import { AnalysisResultRepository } from './persistence/analysis-result.repository';
import { RunQueueRepository } from './persistence/run-queue.repository';
import { AnalysisBroadcasts } from './analysis-broadcasts';
import { AnalysisRuns } from './analysis-runs';
import { AnalysisStatusChanges } from './analysis-status-changes';
import { omaConfig, OmaConfig } from '@modalflow/config';
import type { Principal } from '@modalflow/contracts';
import { Page } from '@modalflow/database';
import { StructureRepository, requireStructure } from '@modalflow/structures';
import { checkParams, checkRun } from '@modalflow/oma';

@Injectable()
export class AnalysesService {
  private readonly logger = new Logger(AnalysesService.name);

  constructor(
    private readonly structures: StructureRepository,
    private readonly analyses: AnalysisRepository,
    private readonly resultRecords: AnalysisResultRepository,
    private readonly inputs: AnalysisInputs,
    private readonly queue: RunQueueRepository,
    private readonly statuses: AnalysisStatusChanges,
    private readonly broadcast: AnalysisBroadcasts,
    private readonly runs: AnalysisRuns,
    @Inject(omaConfig.KEY) private readonly config: OmaConfig,
  ) {}

  /**
   * Creates an analysis after every check that can run before its data is read: the parameters
   * against their type's schema, every id in the input against the caller's tenant (404 when not
   * theirs), and, when the record's shape is known, the parameters against it and the run's cost.
   */
  async create(principal: Principal, structureId: string, request: CreateAnalysis): Promise<Analysis> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const params = request.params ?? {};
    asBadRequest(() => checkParams(request.type, params));
    const { input } = request;
    const shape = await this.inputs.shapeOf(input, { tenantId: principal.tenantId, structureId });
    if (shape) asBadRequest(() => checkRun(request.type, params, shape, this.config.budget));
    return this.analyses.create({
      tenant_id: principal.tenantId,
      structure_id: structureId,
      ...(request.name ? { name: request.name } : {}),
      type: request.type,
      params,
      input,
      created_by: principal.userId,
    });
  }

  async list(principal: Principal, structureId: string, query: AnalysisFilter): Promise<Page<Analysis>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    return this.analyses.findPage(
      principal.tenantId,
      structureId,
      { type: query.type, status: query.status, rule_id: query.rule_id },
      query,
    );
  }

  async get(principal: Principal, structureId: string, id: string): Promise<Analysis> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const analysis = await this.analyses.findById(principal.tenantId, structureId, id);
    if (!analysis) throw new NotFoundException(`analysis ${id} not found in structure ${structureId}`);
    return analysis;
  }

  /** Queues a run (the seed's queue payload); 409 while a run is queued or running. */
  async run(principal: Principal, structureId: string, id: string): Promise<Analysis> {
    const analysis = await this.get(principal, structureId, id);
    if (ACTIVE_ANALYSIS_STATUSES.includes(analysis.status)) {
      throw new ConflictException(`analysis ${id} is ${analysis.status} already`);
    }
    if (analysis.input.source === 'analysis') {
      const source = await this.analyses.findById(
        principal.tenantId,
        structureId,
        analysis.input.analysis_id,
      );
      if (source?.status !== 'DONE') {
        throw new ConflictException(
          `its input, PREPROCESSING analysis ${analysis.input.analysis_id}, has not finished (DONE) yet`,
        );
      }
    }
    const queued = await this.runs.queue(analysis, principal.userId, INACTIVE_ANALYSIS_STATUSES);
    if (!queued) throw new ConflictException(`analysis ${id} is queued or running already`);
    return queued;
  }

  /**
   * Aborts a run: a queued one leaves the queue at once (ABORTED); a running one is stopped by its
   * worker, which answers ABORTED, after a request on KAFKA_TOPIC_BROADCAST.
   */
  async abort(principal: Principal, structureId: string, id: string): Promise<Analysis> {
    const analysis = await this.get(principal, structureId, id);
    if (!ACTIVE_ANALYSIS_STATUSES.includes(analysis.status)) {
      throw new ConflictException(
        `analysis ${id} is ${analysis.status}: only a QUEUED or RUNNING run can be aborted`,
      );
    }
    const entry = await this.queue.find(principal.tenantId, id);
    if (entry?.status === 'QUEUED' && (await this.queue.remove(principal.tenantId, id))) {
      const aborted =
        (await this.statuses.move(
          analysis,
          'ABORTED',
          principal.userId,
          { set: { finished_at: new Date() } },
          ['QUEUED'],
        )) ?? analysis;
      // A worker may have claimed it in the same instant: tell it too.
      await this.broadcast.requestAbort({ analysis_id: id });
      return aborted;
    }
    await this.broadcast.requestAbort({ analysis_id: id });
    this.logger.log(`abort of running analysis ${id} requested`);
    return analysis;
  }

  async results(principal: Principal, structureId: string, id: string): Promise<AnalysisResultRecord[]> {
    const analysis = await this.get(principal, structureId, id);
    return this.resultRecords.findByIds(principal.tenantId, structureId, analysis.result_ids);
  }

  /** The latest result of a finished analysis; 409 when it has none yet. */
  async latestResult(principal: Principal, structureId: string, id: string): Promise<AnalysisResultRecord> {
    const analysis = await this.get(principal, structureId, id);
    const [latest] = await this.resultRecords.findByIds(
      principal.tenantId,
      structureId,
      analysis.result_ids.slice(-1),
    );
    if (analysis.status !== 'DONE' || !latest) {
      throw new ConflictException(`analysis ${id} is ${analysis.status}: results exist once it is DONE`);
    }
    return latest;
  }
}
