import { OmaInputError, RecordShape } from '../dataset';
import { defaultSegmentLength } from '../fdd/fdd';
import { efddSegmentLength } from '../fdd/efdd-fine';
import { FddParams } from '../fdd/fdd-params';
import { PreprocessingParams } from '../preprocessing/preprocessing-params';
import { PASS_BLOCK_ROWS } from '../record/record-source';
import { defaultBlockRows } from '../ssi/ssi-cov';
import { SsiParams } from '../ssi/ssi-params';
import { PlscfParams } from '../plscf/plscf-params';
import { plscfLags } from '../plscf/plscf';
import { AnalysisType, ParamsOf } from './parameter-schemas';

export interface RunCost {
  /** Peak memory of the run beyond the process's own, in bytes. */
  memoryBytes: number;
  /** A lower bound of the run's time on one core, in seconds (floating-point work only). */
  seconds: number;
  /** What to lower first when the run is too large. */
  remedy: string;
}

const BYTES = 8;
/** Floating-point operations per second of the numerics on one core: high, so the time is a lower bound. */
const FLOPS_PER_SECOND = 2e9;

/**
 * Estimates what a run will cost from the record's shape and the parameters, before it starts.
 * Every analysis reads the record block by block (a record file; PREPROCESSING's filters go through
 * files too), so memory is a few blocks and each method's largest arrays (the cross-spectral
 * matrix, the block Toeplitz matrix), whatever the record's length.
 */
export function estimateRunCost<T extends AnalysisType>(
  type: T,
  params: ParamsOf[T],
  shape: RecordShape,
): RunCost {
  const channels = shape.channels.length;
  // A pass's block, read into bytes and then into one array per channel.
  const block = 2 * channels * PASS_BLOCK_ROWS * BYTES;
  if (type === 'PREPROCESSING') {
    const p = params as PreprocessingParams;
    const kept = p.channels?.length ?? channels;
    const filterOrder = p.filter ? (p.filter.order ?? 4) : 0;
    return {
      memoryBytes: (4 * block * kept) / channels,
      seconds: (kept * shape.samples * (10 + 8 * filterOrder)) / FLOPS_PER_SECOND,
      remedy: 'select fewer channels or a shorter window (start_s, end_s)',
    };
  }
  if (type === 'FDD' || type === 'FSDD') {
    const p = params as FddParams;
    const segment = p.segment_length ?? defaultSegmentLength(shape.samples);
    const lines = segment / 2 + 1;
    const segments = Math.max(1, Math.floor((shape.samples - segment) / (segment * (1 - p.overlap))) + 1);
    // EFDD on finer lines (efdd-fine.ts): one more pass of FFTs over the record, at worst for a mode
    // at the band's low end (or 1% of the rate); its spectra cover the modes' bands only.
    const lowest = p.frequency_band?.[0] || shape.samplingRateHz / 100;
    const fine = p.segment_length ? 0 : efddSegmentLength(shape.samples, shape.samplingRateHz, lowest);
    const finePass = fine > segment ? 2 * (shape.samples / fine) * channels * 5 * fine * Math.log2(fine) : 0;
    return {
      memoryBytes:
        block + 3 * lines * channels * channels * 2 * BYTES + channels * Math.max(segment, fine) * 4 * BYTES,
      seconds:
        (segments * channels * 5 * segment * Math.log2(segment) +
          segments * lines * channels ** 2 * 8 +
          lines * 10 * channels ** 3 +
          finePass) /
        FLOPS_PER_SECOND,
      remedy: 'lower segment_length or use fewer channels',
    };
  }
  if (type === 'PLSCF') {
    const p = params as PlscfParams;
    const lags = p.lags ?? plscfLags(shape, p);
    const references = p.references?.length ?? channels;
    const lines = lags / 2 + 1;
    const span = 2 * p.order_max + 1;
    const size = (p.order_max + 1) * references;
    const orders = Math.floor((p.order_max - p.order_min) / p.order_step) + 1;
    return {
      memoryBytes:
        block +
        lags * channels ** 2 * BYTES +
        2 * lines * channels * references * BYTES +
        span * references * (references + channels) * BYTES +
        3 * size * size * BYTES,
      seconds:
        ((2 * lags * channels ** 2 * shape.samples) / Math.max(1, lags) +
          lines * lags * channels * references +
          lines * span * channels * references ** 2 * 4 +
          orders * (channels * size * size * (p.order_max + 1) + 10 * (p.order_max * references) ** 3)) /
        FLOPS_PER_SECOND,
      remedy: 'lower order_max, lags or the references',
    };
  }
  const p = params as SsiParams & { references?: string[] };
  const blockRows = p.block_rows ?? defaultBlockRows(shape, p);
  const m = blockRows * channels;
  const orders = Math.floor((p.order_max - p.order_min) / p.order_step) + 1;
  // SSI-DAT: the Hankel's Gram (past and future blocks, corrected at both ends over 2i samples),
  // the past's Cholesky solve and the projection's product.
  const past = blockRows * (p.references?.length ?? channels);
  const dataDriven =
    type === 'SSI-DAT' ? (past * past + past * m) * 2 * blockRows + past ** 3 + past * m * m : 0;
  return {
    memoryBytes:
      block +
      3 * m * m * BYTES +
      (type === 'SSI-DAT' ? (past * past + 2 * past * m) * BYTES : 0) +
      2 * p.order_max * m * BYTES +
      orders * p.order_max ** 2 * BYTES,
    seconds:
      (2 * blockRows * channels ** 2 * shape.samples +
        2 * m ** 3 +
        10 * m ** 3 +
        dataDriven +
        orders * 10 * p.order_max ** 3) /
      FLOPS_PER_SECOND,
    remedy: 'lower block_rows or order_max',
  };
}

export interface RunBudget {
  maxMemoryBytes: number;
  maxSeconds: number;
}

/** Refuses a run whose estimate exceeds the budget, saying what to lower. */
export function requireAffordable(cost: RunCost, budget: RunBudget): void {
  const mb = (bytes: number) => Math.ceil(bytes / 2 ** 20);
  if (cost.memoryBytes > budget.maxMemoryBytes) {
    throw new OmaInputError(
      `the run would need about ${mb(cost.memoryBytes)} MB, over the limit of ${mb(budget.maxMemoryBytes)} MB (ANALYSIS_MAX_MEMORY_MB): ${cost.remedy}`,
    );
  }
  if (cost.seconds > budget.maxSeconds) {
    throw new OmaInputError(
      `the run would take at least ${Math.ceil(cost.seconds)} s, over the limit of ${budget.maxSeconds} s (RUN_TIME_LIMIT): ${cost.remedy}`,
    );
  }
}
