import type { Cluster, ManagedService } from '../../model/infrastructure.js';
import { decide, servicesOf } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-monitoring-alerts',
  pillar: 'operations',
  title: 'Infrastructure declared in Terraform has alerts that notify someone',
  rationale:
    'Without alerts, a full disk, a failing-over database or a broker out of connections is found by customers; an alert that notifies no one is the same as none.',
  remediation:
    'Declare alerts next to the infrastructure (azurerm_monitor_metric_alert with an action group, aws_cloudwatch_metric_alarm with alarm_actions, google_monitoring_alert_policy with notification_channels) or ship Prometheus alerting rules, and route them to the on-call channel.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Counts Azure Monitor metric, activity-log and scheduled-query alerts, CloudWatch metric and composite alarms, Google Cloud alert policies and PrometheusRule alerting rules in the Kubernetes manifests. Alerts defined outside the repository (a SaaS monitoring tool) are not visible: answer with the alerting-rules attestation or suppress the finding with that reason.',
  references: [
    {
      title: 'Azure Monitor: alerts overview',
      url: 'https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-overview',
    },
    {
      title: 'Amazon CloudWatch: using alarms',
      url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
    },
    {
      title: 'Google Cloud Monitoring: alerting overview',
      url: 'https://cloud.google.com/monitoring/alerts',
    },
  ],
  messages: {
    'no-alerts': (data: { resource: string; count: number }) =>
      `${data.count} managed service(s) and cluster(s), starting with ${data.resource}, have no alert declared anywhere in the repository.`,
    'silent-alert': (data: { alert: string }) => `${data.alert} notifies no one when it fires.`,
  },
  appliesTo: (model) => monitored(model).length + alerts(model).length,
  check({ model, report, undecided }) {
    const resources = monitored(model);
    const declared = alerts(model);
    const first = resources[0];
    if (first !== undefined && declared.length === 0 && model.alertRules.length === 0) {
      report({
        messageId: 'no-alerts',
        data: { resource: first.address, count: resources.length },
        node: first,
        at: first.source,
      });
    }
    for (const alert of declared) {
      if (alert.alerting === undefined) continue;
      const decision = decide(alert, 'notification', alert.alerting.notifies);
      if (!decision.known) undecided({ node: alert, at: decision.at, reason: decision.reason });
      else if (decision.value !== true) {
        report({ messageId: 'silent-alert', data: { alert: alert.address }, node: alert, at: decision.at });
      }
    }
  },
});

function monitored(model: SystemModel): readonly (ManagedService | Cluster)[] {
  return [...model.clusters, ...servicesOf(model, 'database', 'cache', 'queue', 'storage', 'load-balancer')];
}

function alerts(model: SystemModel): readonly ManagedService[] {
  return model.managedServices.filter((service) => service.alerting !== undefined);
}
