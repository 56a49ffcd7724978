import { DEPENDENCY_UPDATE_FILES, dependencyUpdateFiles, pipelinesByFile } from '../../model/pipeline-queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-dependency-updates',
  pillar: 'delivery',
  title: 'Dependency updates are automated',
  rationale:
    'Libraries, base images and CI actions collect known vulnerabilities as they age; a bot that proposes small, tested updates keeps the fix for the next critical CVE a routine merge rather than a risky jump across many versions.',
  remediation:
    'Add a Dependabot configuration (.github/dependabot.yml) or a Renovate configuration (renovate.json) covering the application packages, the Dockerfiles and the CI actions, and let the pipeline test each update it proposes.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', compliance: ['soc2', 'pci-dss', 'hipaa', 'iso27001'] }],
  status: 'experimental',
  notes:
    'Placed in delivery because the updates arrive as pull requests through the same pipeline as any other change. The rule applies to a repository with at least one CI pipeline and looks for the files Dependabot and Renovate read: .github/dependabot.yml or .yaml, renovate.json, renovate.json5, .renovaterc, .renovaterc.json, .renovaterc.json5, and renovate.json or renovate.json5 under .github/ or .gitlab/. It does not read their contents, and cannot see Dependabot security updates switched on in the repository settings, Renovate configured in package.json, or a Renovate preset applied organisation-wide: attest those. The finding points at the first pipeline file, for want of a file to point at.',
  references: [
    {
      title: 'GitHub: configuring Dependabot version updates',
      url: 'https://docs.github.com/en/code-security/dependabot/dependabot-version-updates/configuring-dependabot-version-updates',
    },
    { title: 'Renovate: configuration options', url: 'https://docs.renovatebot.com/configuration-options/' },
  ],
  messages: {
    missing: (data: { files: string }) =>
      `No Dependabot or Renovate configuration was found (looked for ${data.files}), so dependency updates happen only when someone remembers them.`,
  },
  appliesTo: (model) => (model.pipelines.length > 0 ? 1 : 0),
  check({ model, report }) {
    if (dependencyUpdateFiles(model).length > 0) return;
    const anchor = pipelinesByFile(model)[0];
    if (anchor === undefined) return;
    report({
      messageId: 'missing',
      data: { files: `${DEPENDENCY_UPDATE_FILES.slice(0, 3).join(', ')} and others` },
      node: anchor,
      at: anchor.source,
    });
  },
});
