import { productionImageBuilds } from '../../model/image-builds.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'no-remote-script-piping',
  pillar: 'security',
  title: 'Builds do not pipe downloaded scripts into a shell',
  rationale:
    'A script fetched with curl or wget and piped straight into sh runs whatever the server returns at build time, unverified: a compromised host, a changed script or a truncated download ends up executed inside the image.',
  remediation:
    'Download the script or binary to a file, verify it against a pinned checksum or signature, then run it, or install the tool from a package repository or a pinned image instead.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', compliance: ['soc2', 'pci-dss', 'iso27001'] }],
  status: 'stable',
  notes:
    'Recognises curl or wget piped (through any number of commands) into sh, bash, zsh, dash, ash, ksh, python, perl, ruby, node or php, with sudo, env and similar wrappers skipped, and sh -c "$(curl …)" or bash <(curl …), in the shell form, heredoc bodies and sh -c exec forms of every stage. Installer one-liners are common in young projects, so the rule is required from growth, and from launch when the profile names SOC 2, PCI DSS or ISO 27001, whose change-management controls expect verified dependencies. Dockerfiles whose name marks them as development files (Dockerfile.dev, test.Dockerfile…) or that sit in .devcontainer/ are not judged.',
  references: [
    {
      title: 'OWASP: Docker security cheat sheet',
      url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    },
    { title: 'Dockerfile reference: RUN', url: 'https://docs.docker.com/reference/dockerfile/#run' },
  ],
  messages: {
    piped: (data: { dockerfile: string; tool: string; interpreter: string }) =>
      `A RUN in ${data.dockerfile} downloads a script with ${data.tool} and runs it with ${data.interpreter} without verifying it.`,
  },
  appliesTo: (model) => productionImageBuilds(model).length,
  check({ model, report }) {
    for (const build of productionImageBuilds(model)) {
      for (const script of build.remoteScripts) {
        report({
          messageId: 'piped',
          data: { dockerfile: build.path, tool: script.tool, interpreter: script.interpreter },
          node: build,
          at: script.source,
        });
      }
    }
  },
});
