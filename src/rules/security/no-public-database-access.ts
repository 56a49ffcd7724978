import { decide, servicesOf } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'no-public-database-access',
  pillar: 'security',
  title: 'Managed databases and caches are not reachable from the internet',
  rationale:
    'A database with a public endpoint is one leaked password or unpatched flaw away from a breach, and is probed by scanners within minutes; firewall rules drift, private networking does not.',
  remediation:
    'Reach the database over private networking only: public_network_access_enabled = false with a private endpoint or delegated subnet (Azure), publicly_accessible = false (RDS), ip_configuration { ipv4_enabled = false } with a private network (Cloud SQL).',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Defaults count: Azure servers, Cosmos DB accounts and caches accept public network access unless told otherwise (a flexible server with a delegated subnet does not), Cloud SQL gives instances a public IP by default, RDS does not. Firewall rules and authorised networks are not weighed: a narrow allow-list on a public endpoint is still reported, with the default or explicit setting named in the message.',
  references: [
    {
      title: 'Azure Database for PostgreSQL flexible server: networking',
      url: 'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking',
    },
    {
      title: 'Amazon RDS: working with a DB instance in a VPC',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
    },
    {
      title: 'Cloud SQL: about private IP',
      url: 'https://cloud.google.com/sql/docs/postgres/private-ip',
    },
  ],
  messages: {
    public: (data: { database: string }) => `${data.database} accepts connections from the internet.`,
    'public-by-default': (data: { database: string }) =>
      `${data.database} accepts connections from the internet: public access is left to its default, which is on.`,
  },
  appliesTo: (model) => datastores(model).length,
  check({ model, report, undecided }) {
    for (const database of datastores(model)) {
      const setting = database.publicNetworkAccess;
      if (setting === undefined) continue;
      const decision = decide(database, 'public network access', setting);
      if (!decision.known) undecided({ node: database, at: decision.at, reason: decision.reason });
      else if (decision.value === true) {
        report({
          messageId: setting.state === 'default' ? 'public-by-default' : 'public',
          data: { database: database.address },
          node: database,
          at: decision.at,
        });
      }
    }
  },
});

function datastores(model: SystemModel) {
  return servicesOf(model, 'database', 'cache').filter((service) => service.publicNetworkAccess !== undefined);
}
