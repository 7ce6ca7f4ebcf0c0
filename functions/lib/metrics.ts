import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CaseMetric } from '../../shared/domain/case-metrics.ts';
import { METRIC_NAMESPACE, METRIC_SERVICE } from '../../shared/domain/vocabulary.ts';

const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: METRIC_SERVICE });

/**
 * Writes each metric as its own CloudWatch embedded-metric-format line at once (a single metric carries
 * only its own dimension), so nothing waits for the end of the invocation and nothing is lost when a
 * step fails after its write.
 */
export function publishCaseMetrics(list: CaseMetric[]): void {
  for (const m of list) {
    const single = metrics.singleMetric();
    if (m.dimension) single.addDimension(m.dimension.name, m.dimension.value);
    single.addMetric(m.name, MetricUnit.Count, m.value);
  }
}
