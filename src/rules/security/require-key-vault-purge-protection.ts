import { decide } from '../../model/infrastructure-queries.js';
import type { SystemModel } from '../../model/types.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-key-vault-purge-protection',
  pillar: 'security',
  title: 'Key vaults cannot be purged before their retention ends',
  rationale:
    'Without purge protection a deleted vault, key or secret can be purged at once, by mistake or by an attacker; data encrypted with a purged key is lost for good.',
  remediation: 'Set purge_protection_enabled = true on the azurerm_key_vault (it cannot be turned off again).',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'purge_protection_enabled defaults to false; soft delete alone still lets anyone with purge rights destroy the vault for good. It costs nothing, but note that a protected vault name stays taken for the retention period (90 days by default) after deletion, which matters in throw-away environments.',
  references: [
    {
      title: 'Azure Key Vault: soft-delete and purge protection',
      url: 'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview',
    },
  ],
  messages: {
    disabled: (data: { vault: string }) => `${data.vault} can be purged immediately after deletion.`,
  },
  appliesTo: (model) => vaults(model).length,
  check({ model, report, undecided }) {
    for (const vault of vaults(model)) {
      if (vault.purgeProtection === undefined) continue;
      const decision = decide(vault, 'purge_protection_enabled', vault.purgeProtection);
      if (!decision.known) undecided({ node: vault, at: decision.at, reason: decision.reason });
      else if (decision.value !== true) {
        report({ messageId: 'disabled', data: { vault: vault.address }, node: vault, at: decision.at });
      }
    }
  },
});

function vaults(model: SystemModel) {
  return model.managedServices.filter((service) => service.purgeProtection !== undefined);
}
