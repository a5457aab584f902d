/**
 * bench/oma-uncertainty: the statistical uncertainty of SSI and SSI-DAT against a Monte Carlo of the
 * record generator. Over RECORDS independent records of one simulated structure (a 5-storey frame,
 * 2% damping, 50 Hz, 600 s), per mode: the observed standard deviation of the frequency estimates,
 * the reported one (root mean square over the records) and their ratio; the share of 95% intervals
 * holding the true frequency and damping; the time of a run with uncertainty against one without.
 * Last line: `oma-uncertainty: ratio <lowest>-<highest> (target 0.7-1.3) coverage <lowest>-<highest> (target 0.90-0.98) time ratio <y> (target 2)`.
 */
import { simulate, SsiMethod, standardDeviation, stochasticSubspaceIdentification } from '@modalflow/oma';

const RECORDS = Number(process.env.RECORDS ?? 100);

function main(): void {
  const ratios: number[] = [];
  const coverages: number[] = [];
  let worstTime = 0;
  for (const method of ['SSI', 'SSI-DAT'] as SsiMethod[]) {
    const estimates: number[][] = [];
    const reported: number[][] = [];
    let covered = 0;
    let dampingCovered = 0;
    let total = 0;
    let plainMs = 0;
    let withMs = 0;
    let exact: number[] = [];
    for (let i = 0; i < RECORDS; i++) {
      const simulation = simulate({
        storeys: 5,
        damping_ratio: 0.02,
        duration_s: 600,
        sampling_rate_hz: 50,
        seed: 5000 + i,
      });
      exact = simulation.modes.map((mode) => mode.frequency_hz);
      let start = performance.now();
      stochasticSubspaceIdentification(simulation.dataset, {}, method);
      plainMs += performance.now() - start;
      start = performance.now();
      const { modes } = stochasticSubspaceIdentification(simulation.dataset, { uncertainty: true }, method);
      withMs += performance.now() - start;
      if (modes.length !== exact.length) continue;
      modes.forEach((mode, j) => {
        const { frequency_sd_hz, damping_sd } = mode.uncertainty!;
        (estimates[j] ??= []).push(mode.frequency_hz);
        (reported[j] ??= []).push(frequency_sd_hz);
        if (Math.abs(mode.frequency_hz - exact[j]) <= 1.96 * frequency_sd_hz) covered++;
        if (Math.abs(mode.damping_ratio! - 0.02) <= 1.96 * damping_sd) dampingCovered++;
        total++;
      });
    }
    exact.forEach((hz, j) => {
      const observed = standardDeviation(estimates[j]);
      const rms = Math.sqrt(reported[j].reduce((sum, sd) => sum + sd * sd, 0) / reported[j].length);
      const ratio = rms / observed;
      ratios.push(ratio);
      console.log(
        `# ${method} mode ${j + 1} (${hz.toFixed(3)} Hz): observed sd ${observed.toExponential(2)} Hz, reported ${rms.toExponential(2)} Hz, ratio ${ratio.toFixed(2)}`,
      );
    });
    const timeRatio = withMs / plainMs;
    worstTime = Math.max(worstTime, timeRatio);
    coverages.push(covered / total);
    console.log(
      `${method}: ${estimates[0]?.length ?? 0} of ${RECORDS} records with every mode; 95% intervals cover ${((100 * covered) / total).toFixed(1)}% of frequencies, ${((100 * dampingCovered) / total).toFixed(1)}% of damping ratios; time with uncertainty ${timeRatio.toFixed(2)} times the plain run`,
    );
  }
  console.log(
    `oma-uncertainty: ratio ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} (target 0.7-1.3) coverage ${Math.min(...coverages).toFixed(3)}-${Math.max(...coverages).toFixed(3)} (target 0.90-0.98) time ratio ${worstTime.toFixed(2)} (target 2)`,
  );
}

main();
