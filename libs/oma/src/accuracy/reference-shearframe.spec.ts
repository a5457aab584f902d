import { readCsvFile } from '../io/csv-reader';
import { frequencyDomainDecomposition } from '../fdd/fdd';
import { stochasticSubspaceIdentification } from '../ssi/ssi';
import { Dataset } from '../dataset';
import { referenceRecord, relativeError } from './reference-data';

describe('reference record: koma 5-storey shear frame (60% noise)', () => {
  const reference = referenceRecord('shearframe-5dof');
  /** Published covariance-SSI estimates, quoted in the reference file's note. */
  const published = [0.1808, 0.5247, 0.8195, 1.0434, 1.1843];
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await readCsvFile(reference.csvPath);
  });

  it('reads 5 channels of 14,400 samples at 12 Hz', () => {
    expect(dataset.channels).toHaveLength(5);
    expect(dataset.data[0]).toHaveLength(14400);
    expect(dataset.samplingRateHz).toBeCloseTo(12, 4);
  });

  it('SSI finds the five modes and nothing else, within 0.5% of the published estimates', () => {
    const { modes } = stochasticSubspaceIdentification(dataset);
    expect(modes).toHaveLength(5);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, published[j])).toBeLessThan(0.005);
    });
  });

  it('FDD finds the five modes within 2%', () => {
    const { modes } = frequencyDomainDecomposition(dataset);
    expect(modes).toHaveLength(5);
    modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, published[j])).toBeLessThan(0.02);
    });
  });
});
