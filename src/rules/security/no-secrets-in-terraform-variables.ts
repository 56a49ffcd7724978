import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'no-secrets-in-terraform-variables',
  pillar: 'security',
  title: 'Credentials of managed services are not written in Terraform files',
  rationale:
    'A password written as a variable default, in a committed tfvars file or in the resource itself stays in Git history for everyone who can read the repository, and in every state file; marking the variable sensitive only hides it from plan output.',
  remediation:
    'Generate the credential (random_password, manage_master_user_password) or read it from a secret store at apply time, pass it through an environment variable (TF_VAR_…) or an ignored tfvars file, then rotate the exposed value.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Judges the credential attributes of the managed services the model reads (administrator passwords, master passwords, auth tokens, broker user passwords) after evaluation: a literal that reaches one of them through a variable default, a variable file, a local or a module argument is reported where it is written. Values generated at apply time, read from data sources or left to unset variables pass. Variables that no modelled resource uses are not judged. Messages name the attribute and where the value is written, never the value.',
  references: [
    {
      title: 'Terraform: manage sensitive data',
      url: 'https://developer.hashicorp.com/terraform/language/manage-sensitive-data',
    },
    {
      title: 'Terraform: input variables',
      url: 'https://developer.hashicorp.com/terraform/language/values/variables',
    },
  ],
  messages: {
    literal: (data: { attribute: string; service: string }) =>
      `The ${data.attribute} of ${data.service} is written as a literal in the configuration.`,
    'variable-default': (data: { attribute: string; service: string; variable: string }) =>
      `The ${data.attribute} of ${data.service} comes from the literal default of variable "${data.variable}".`,
    'variables-file': (data: { attribute: string; service: string; variable: string }) =>
      `The ${data.attribute} of ${data.service} comes from a literal value of "${data.variable}" in a committed variables file.`,
  },
  appliesTo: (model) => model.managedServices.length,
  check({ model, report }) {
    for (const service of model.managedServices) {
      for (const credential of service.literalCredentials) {
        const base = { attribute: credential.attribute, service: service.address };
        const { origin } = credential;
        if (origin.via === 'variable-default') {
          report({
            messageId: 'variable-default',
            data: { ...base, variable: origin.variable ?? '' },
            node: service,
            at: origin.source,
          });
        } else if (origin.via === 'variables-file') {
          report({
            messageId: 'variables-file',
            data: { ...base, variable: origin.variable ?? '' },
            node: service,
            at: origin.source,
          });
        } else {
          report({ messageId: 'literal', data: base, node: service, at: origin.source });
        }
      }
    }
  },
});
