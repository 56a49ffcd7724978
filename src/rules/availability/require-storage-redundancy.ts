import { servicesOf } from '../../model/infrastructure-queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-storage-redundancy',
  pillar: 'availability',
  title: 'Storage accounts keep their data in several zones',
  rationale:
    'Locally redundant storage keeps every copy in one datacenter: a zone outage makes the data unreachable until it ends, and a disaster there can lose it.',
  remediation:
    'Set account_replication_type to "ZRS" or "GZRS" (or "RAGZRS" to read from the secondary region during an outage).',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', slaAtLeast: 99.95 }],
  status: 'experimental',
  notes:
    'GRS and RA-GRS copy the data to a second region but keep it in one zone of the primary, so a zone outage still interrupts writes until a failover: they are reported too. S3 Standard and Cloud Storage buckets are stored across zones whatever their settings, so the rule applies to Azure storage accounts in practice.',
  references: [
    {
      title: 'Azure Storage redundancy',
      url: 'https://learn.microsoft.com/azure/storage/common/storage-redundancy',
    },
  ],
  messages: {
    'not-zone-redundant': (data: { account: string; basis: string }) =>
      `${data.account} keeps its data in one zone (${data.basis}).`,
  },
  appliesTo: (model) => servicesOf(model, 'storage').length,
  check({ model, report, undecided }) {
    for (const account of servicesOf(model, 'storage')) {
      const { availability } = account;
      if (availability.tier === 'unknown') {
        undecided({ node: account, at: availability.at, reason: `${account.address}: ${availability.basis}.` });
      } else if (availability.tier === 'single' || availability.tier === 'zonal-ha') {
        report({
          messageId: 'not-zone-redundant',
          data: { account: account.address, basis: availability.basis },
          node: account,
          at: availability.at,
        });
      }
    }
  },
});
