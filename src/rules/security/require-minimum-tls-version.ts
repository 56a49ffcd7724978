import { decide } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

const MINIMUM = '1.2';

export default defineRule({
  id: 'require-minimum-tls-version',
  pillar: 'security',
  title: 'Managed services refuse plaintext and TLS older than 1.2',
  rationale:
    'TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by compliance frameworks; a service that also accepts unencrypted connections lets a misconfigured client send credentials and data in clear text.',
  remediation:
    'Set the minimum TLS version to 1.2 (minimum_tls_version, min_tls_version, minimal_tls_version) and require encrypted connections: transit_encryption_enabled (ElastiCache), ssl_mode "ENCRYPTED_ONLY" (Cloud SQL), transit_encryption_mode "SERVER_AUTHENTICATION" (Memorystore), client_broker "TLS" (MSK), no non-SSL port (Azure Cache for Redis).',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Current azurerm defaults are TLS 1.2, so only an explicit older value is reported on Azure. ElastiCache, Memorystore and Cloud SQL accept unencrypted connections unless told otherwise, and are reported when left to their defaults.',
  references: [
    {
      title: 'Azure Storage: enforce a minimum TLS version',
      url: 'https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version',
    },
    {
      title: 'Amazon ElastiCache: in-transit encryption',
      url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
    },
    {
      title: 'Cloud SQL: configure SSL/TLS certificates',
      url: 'https://cloud.google.com/sql/docs/postgres/configure-ssl-instance',
    },
  ],
  messages: {
    outdated: (data: { service: string; version: string; minimum: string }) =>
      `${data.service} accepts TLS ${data.version}; require at least TLS ${data.minimum}.`,
    plaintext: (data: { service: string }) => `${data.service} accepts unencrypted connections.`,
  },
  appliesTo: (model) => withTransport(model).length,
  check({ model, report, undecided }) {
    for (const service of withTransport(model)) {
      if (service.minimumTlsVersion !== undefined) {
        const version = decide(service, 'minimum TLS version', service.minimumTlsVersion);
        if (!version.known) undecided({ node: service, at: version.at, reason: version.reason });
        else if (version.value !== undefined && version.value < MINIMUM) {
          report({
            messageId: 'outdated',
            data: { service: service.address, version: version.value, minimum: MINIMUM },
            node: service,
            at: version.at,
          });
        }
      }
      if (service.plaintextAllowed !== undefined) {
        const plaintext = decide(service, 'unencrypted connections', service.plaintextAllowed);
        if (!plaintext.known) undecided({ node: service, at: plaintext.at, reason: plaintext.reason });
        else if (plaintext.value === true) {
          report({ messageId: 'plaintext', data: { service: service.address }, node: service, at: plaintext.at });
        }
      }
    }
  },
});

function withTransport(model: SystemModel) {
  return model.managedServices.filter(
    (service) => service.minimumTlsVersion !== undefined || service.plaintextAllowed !== undefined,
  );
}
