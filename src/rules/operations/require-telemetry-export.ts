import { pointerTo } from '../../core/source.js';
import type { SystemModel, Workload } from '../../model/types.js';
import { parseImageReference } from '../../reference/engines.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

/** Environment variables that configure an exporter or an agent: OpenTelemetry, Datadog, Application Insights, Elastic APM, New Relic. */
const EXPORTER_VARIABLES =
  /^(OTEL_EXPORTER_OTLP_[A-Z_]*ENDPOINT|OTEL_TRACES_EXPORTER|OTEL_METRICS_EXPORTER|DD_AGENT_HOST|DD_TRACE_AGENT_URL|APPLICATIONINSIGHTS_CONNECTION_STRING|ELASTIC_APM_SERVER_URLS?|NEW_RELIC_LICENSE_KEY)$/;

/** Images of collectors and agents that gather telemetry for a whole cluster or host. */
const COLLECTOR_IMAGES = [
  'otel/opentelemetry-collector',
  'otel/opentelemetry-collector-contrib',
  'otel/opentelemetry-collector-k8s',
  'grafana/alloy',
  'grafana/agent',
  'datadog/agent',
  'gcr.io/datadoghq/agent',
  'newrelic/infrastructure-k8s',
  'newrelic/infrastructure',
  'fluent/fluent-bit',
  'cr.fluentbit.io/fluent/fluent-bit',
  'fluent/fluentd',
  'timberio/vector',
  'prom/prometheus',
  'quay.io/prometheus/prometheus',
];

/** Kubernetes resources that make an operator scrape or instrument workloads. */
const TELEMETRY_KINDS = new Set([
  'monitoring.coreos.com/ServiceMonitor',
  'monitoring.coreos.com/PodMonitor',
  'opentelemetry.io/OpenTelemetryCollector',
  'opentelemetry.io/Instrumentation',
  'azmonitoring.coregraph.com/ServiceMonitor',
  'monitoring.googleapis.com/PodMonitoring',
]);

function runsCollector(model: SystemModel): boolean {
  const isCollector = (image: string | undefined) => {
    if (image === undefined) return false;
    const reference = parseImageReference(image);
    const withRegistry = `${reference.registry}/${reference.repository}`;
    return COLLECTOR_IMAGES.some((name) => reference.repository === name || withRegistry === name);
  };
  return (
    model.workloads.some((workload) => containersOf(workload).some((container) => isCollector(container.image))) ||
    model.composeServices.some((service) => isCollector(service.image?.reference)) ||
    model.unmodelled.some((object) => TELEMETRY_KINDS.has(`${object.apiVersion.split('/')[0]}/${object.kind}`)) ||
    model.managedServices.some((service) => service.category === 'monitoring') ||
    // Alerting rules for the Prometheus operator mean its metrics are collected.
    model.alertRules.length > 0
  );
}

function instrumented(workload: Workload): boolean {
  if (workload.pod.labels['prometheus.io/scrape'] === 'true') return true;
  return containersOf(workload).some((container) =>
    container.env.some((variable) => EXPORTER_VARIABLES.test(variable.name)),
  );
}

function servingWorkloads(model: SystemModel): readonly Workload[] {
  return model.workloads.filter((workload) => model.isServing(workload));
}

export default defineRule({
  id: 'require-telemetry-export',
  pillar: 'operations',
  title: 'Services export metrics, traces or logs somewhere a person can look',
  rationale:
    'Without telemetry leaving the cluster, the first sign of an outage is a customer, and after it nobody can tell what happened or when it started.',
  remediation:
    'Run a collector or agent (OpenTelemetry Collector, Grafana Alloy, the Datadog agent…) or point each service at one with OTEL_EXPORTER_OTLP_ENDPOINT, or declare ServiceMonitors for the Prometheus operator.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.9 }],
  status: 'experimental',
  notes:
    'Evidence counts wherever the repository shows it: a collector or agent workload, an OpenTelemetry or Prometheus-operator resource, a monitoring service in Terraform, PrometheusRule alerts (metrics are collected to alert on), exporter variables on the workload or a prometheus.io/scrape pod label. A managed cluster add-on enabled outside the repository (Container Insights, GKE managed collection) is invisible here: suppress with that reason. Required from launch with an SLA of 99.9 or more, because an SLA cannot be kept on an outage nobody sees.',
  references: [
    {
      title: 'OpenTelemetry: SDK environment variables',
      url: 'https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/',
    },
    {
      title: 'Google SRE book: monitoring distributed systems',
      url: 'https://sre.google/sre-book/monitoring-distributed-systems/',
    },
  ],
  messages: {
    'not-observed': (data: { workload: string }) =>
      `${data.workload} serves traffic, but nothing in the repository exports its metrics, traces or logs.`,
  },
  appliesTo: (model) => servingWorkloads(model).length,
  check({ model, report }) {
    if (runsCollector(model)) return;
    for (const workload of servingWorkloads(model)) {
      if (instrumented(workload)) continue;
      report({
        messageId: 'not-observed',
        data: { workload: describeNode(workload) },
        node: workload,
        at: pointerTo(workload.source, 'metadata', 'name'),
      });
    }
  },
});
