import Joi from 'joi';
import { OmaInputError, paramError } from '../dataset';
import { FDD_DEFAULTS, FddParams } from '../fdd/fdd-params';
import { PREPROCESSING_DEFAULTS, PreprocessingParams } from '../preprocessing/preprocessing-params';
import { SSI_DEFAULTS, SsiParams } from '../ssi/ssi-params';
import { PLSCF_DEFAULTS, PlscfParams } from '../plscf/plscf-params';

export const ANALYSIS_TYPES = ['PREPROCESSING', 'FDD', 'FSDD', 'SSI', 'SSI-DAT', 'PLSCF'] as const;
export type AnalysisType = (typeof ANALYSIS_TYPES)[number];

export interface ParamsOf {
  PREPROCESSING: PreprocessingParams;
  FDD: FddParams;
  FSDD: FddParams;
  SSI: SsiParams;
  'SSI-DAT': SsiParams & { references?: string[] };
  PLSCF: PlscfParams;
}

/** Bounds that keep one request from asking for unbounded work; the record checks come on top. */
export const PARAMETER_LIMITS = {
  channels: 512,
  frequencies: 100,
  maxModes: 100,
  decimationFactor: 1000,
  filterOrder: 10,
  segmentLength: 65_536,
  blockRows: 500,
  orderMax: 400,
  plscfOrderMax: 100,
  plscfLags: 8192,
} as const;

const fraction = (max = 1) => Joi.number().min(0).max(max);

/** [low, high] with low < high, both at least `min`. */
const orderedPair = (min: number, inclusiveMin = true) =>
  Joi.array()
    .items(inclusiveMin ? Joi.number().min(min) : Joi.number().greater(min))
    .length(2)
    .custom((pair: number[], helpers) =>
      pair[0] < pair[1] ? pair : helpers.message({ custom: 'must be [low, high] with low < high' }),
    );

const powerOfTwo = Joi.number()
  .integer()
  .min(16)
  .max(PARAMETER_LIMITS.segmentLength)
  .custom((value: number, helpers) =>
    (value & (value - 1)) === 0 ? value : helpers.message({ custom: 'must be a power of two' }),
  );

const preprocessing = Joi.object({
  channels: Joi.array()
    .items(Joi.string().min(1).max(200))
    .min(2)
    .max(PARAMETER_LIMITS.channels)
    .unique()
    .messages({ 'array.unique': 'names a channel twice' })
    .description('The channels to keep (default: all)'),
  start_s: Joi.number().min(0).unit('s').description('Start of the part of the record to keep'),
  end_s: Joi.number()
    .greater(0)
    .unit('s')
    .description('End of the part of the record to keep (after start_s)')
    .when('start_s', { is: Joi.exist(), then: Joi.number().greater(Joi.ref('start_s')) })
    .messages({ 'number.greater': 'must be after params.start_s' }),
  detrend: Joi.string()
    .valid('none', 'constant', 'linear')
    .default(PREPROCESSING_DEFAULTS.detrend)
    .description('Trend removed from each channel'),
  filter: Joi.object({
    type: Joi.string().valid('lowpass', 'highpass', 'bandpass').required(),
    order: Joi.number().integer().min(1).max(PARAMETER_LIMITS.filterOrder),
    cutoff_hz: Joi.when('type', {
      is: 'bandpass',
      then: orderedPair(0, false).required(),
      otherwise: Joi.number().greater(0).required(),
    }).unit('Hz'),
  }).description('Butterworth filter: type, order, cutoff_hz (a [low, high] pair for bandpass)'),
  decimation_factor: Joi.number()
    .integer()
    .min(1)
    .max(PARAMETER_LIMITS.decimationFactor)
    .default(PREPROCESSING_DEFAULTS.decimation_factor)
    .description('Keep every n-th sample (after an anti-aliasing filter)'),
});

const fdd = Joi.object({
  segment_length: powerOfTwo.unit('samples').description('Welch segment length (a power of two)'),
  overlap: fraction(0.95).default(FDD_DEFAULTS.overlap).description('Overlap of Welch segments (fraction)'),
  frequency_band: orderedPair(0).unit('Hz').description('Band searched for peaks: [low, high]'),
  frequencies: Joi.array()
    .items(Joi.number().greater(0))
    .min(1)
    .max(PARAMETER_LIMITS.frequencies)
    .unique()
    .messages({ 'array.unique': 'gives a frequency twice' })
    .unit('Hz')
    .description('Pick these frequencies instead of searching for peaks'),
  peak_prominence_db: Joi.number()
    .min(0)
    .max(200)
    .default(FDD_DEFAULTS.peak_prominence_db)
    .unit('dB')
    .description('How far a peak must stand out of the first singular value'),
  max_modes: Joi.number()
    .integer()
    .min(1)
    .max(PARAMETER_LIMITS.maxModes)
    .default(FDD_DEFAULTS.max_modes)
    .description('At most this many modes'),
  efdd_mac_threshold: fraction()
    .default(FDD_DEFAULTS.efdd_mac_threshold)
    .description('EFDD: MAC above which a spectral line belongs to the mode'),
  efdd_decay_range: orderedPair(0, false)
    .custom((pair: number[], helpers) =>
      pair[1] <= 1 ? pair : helpers.message({ custom: 'must lie within (0, 1]' }),
    )
    .default(FDD_DEFAULTS.efdd_decay_range)
    .description('EFDD: part of the decay fitted for damping, [from, to] of its first peak'),
});

const order = Joi.number().integer().min(1).max(PARAMETER_LIMITS.orderMax);
/** Stabilization and automatic selection: SSI's, shared by pLSCF. */
const selection = {
  tol_frequency: fraction()
    .default(SSI_DEFAULTS.tol_frequency)
    .description('Stable pole: relative frequency change to the order below (fraction)'),
  tol_damping: fraction(10)
    .default(SSI_DEFAULTS.tol_damping)
    .description('Stable pole: relative damping change (fraction)'),
  tol_mac: fraction().default(SSI_DEFAULTS.tol_mac).description('Stable pole: 1 - MAC to the order below'),
  max_damping: fraction()
    .default(SSI_DEFAULTS.max_damping)
    .description('Poles damped more than this are dropped (damping ratio)'),
  cluster_distance: fraction(2)
    .default(SSI_DEFAULTS.cluster_distance)
    .description('Automatic selection: largest distance within one cluster of stable poles'),
  min_cluster_fraction: fraction()
    .default(SSI_DEFAULTS.min_cluster_fraction)
    .description('Automatic selection: a mode needs poles at this fraction of the orders'),
  frequency_band: orderedPair(0).unit('Hz').description('Keep modes in this band: [low, high]'),
};

const ssi = Joi.object({
  block_rows: Joi.number()
    .integer()
    .min(2)
    .max(PARAMETER_LIMITS.blockRows)
    .description('Block rows of the Hankel matrix (default: from the order and channels)'),
  order_min: order.default(SSI_DEFAULTS.order_min).description('Lowest model order of the diagram'),
  order_max: order
    .min(Joi.ref('order_min'))
    .default(SSI_DEFAULTS.order_max)
    .description('Highest model order of the diagram (not below order_min)')
    .messages({ 'number.min': 'must not be below params.order_min' }),
  order_step: order.default(SSI_DEFAULTS.order_step).description('Step between model orders'),
  ...selection,
  uncertainty: Joi.boolean()
    .default(SSI_DEFAULTS.uncertainty)
    .description("Standard deviations of each mode's frequency and damping (statistical uncertainty)"),
});

const references = Joi.array()
  .items(Joi.string().min(1).max(200))
  .min(1)
  .max(PARAMETER_LIMITS.channels)
  .unique()
  .messages({ 'array.unique': 'names a channel twice' });

const plscfOrder = Joi.number().integer().min(1).max(PARAMETER_LIMITS.plscfOrderMax);
const plscf = Joi.object({
  order_min: plscfOrder
    .default(PLSCF_DEFAULTS.order_min)
    .description('Lowest polynomial order of the diagram'),
  order_max: plscfOrder
    .min(Joi.ref('order_min'))
    .default(PLSCF_DEFAULTS.order_max)
    .description('Highest polynomial order (each order n gives n x references poles)')
    .messages({ 'number.min': 'must not be below params.order_min' }),
  order_step: plscfOrder.default(PLSCF_DEFAULTS.order_step).description('Step between polynomial orders'),
  ...selection,
  lags: powerOfTwo
    .max(PARAMETER_LIMITS.plscfLags)
    .unit('samples')
    .description(
      'Lags of the correlations the half spectra come from (default: 2 s and 3 periods of the band low end)',
    ),
  references: references.description('Reference channels of the half spectra (default: all channels)'),
});

/** The declared parameters of each analysis type: names, types, bounds and their own relations. */
export const PARAMETER_SCHEMAS: Record<AnalysisType, Joi.ObjectSchema> = {
  PREPROCESSING: preprocessing,
  FDD: fdd,
  FSDD: fdd,
  SSI: ssi,
  'SSI-DAT': ssi.keys({
    references: references.description('Reference channels of the past rows (default: all channels)'),
  }),
  PLSCF: plscf,
};

/** The parameters each analysis type accepts. */
export function parameterNames(type: AnalysisType): string[] {
  return Object.keys(PARAMETER_SCHEMAS[type].describe().keys as Record<string, unknown>);
}

/**
 * Checks an analysis's parameters against its type's schema and fills in the defaults. Throws an
 * OmaInputError naming the first field at fault (`params.<name>`).
 */
export function checkParams<T extends AnalysisType>(type: T, params: unknown = {}): ParamsOf[T] {
  const schema = PARAMETER_SCHEMAS[type];
  if (!schema)
    throw new OmaInputError(
      `unknown analysis type "${String(type)}": use one of ${ANALYSIS_TYPES.join(', ')}`,
    );
  const result: Joi.ValidationResult<Record<string, unknown>> = schema.validate(params ?? {}, {
    abortEarly: true,
    convert: false,
    errors: { label: false, wrap: { array: false } },
  });
  const error = result.error;
  if (error) {
    const detail = error.details[0];
    // Named down to the parameter or its nested key, not the array position.
    const field = ['params', ...detail.path.filter((key) => typeof key === 'string')].join('.');
    if (detail.type === 'object.unknown') {
      return fail(field, `is not a parameter of ${type} (it takes ${parameterNames(type).join(', ')})`);
    }
    return fail(field, detail.message.trim());
  }
  return result.value as unknown as ParamsOf[T];
}

function fail(field: string, problem: string): never {
  throw paramError(field, problem);
}

export const resolvePreprocessingParams = (given: Partial<PreprocessingParams> = {}) =>
  checkParams('PREPROCESSING', given);
export const resolveFddParams = (given: Partial<FddParams> = {}) => checkParams('FDD', given);
export const resolveSsiParams = (given: Partial<SsiParams> = {}) => checkParams('SSI', given);
