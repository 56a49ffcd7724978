import { describeJob, hasActivity } from '../../model/pipeline-queries.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'require-image-scan',
  pillar: 'delivery',
  title: 'Images built in CI are scanned for vulnerabilities',
  rationale:
    'A container image carries its base image and packages with their known vulnerabilities; scanning it where it is built is the one place where every image that reaches production is checked.',
  remediation:
    'Scan each image the pipeline builds before it is pushed or deployed (trivy image, grype, docker scout, aquasecurity/trivy-action, GitLab Container-Scanning), and fail the pipeline on fixable critical findings.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', compliance: ['soc2', 'pci-dss', 'hipaa', 'iso27001'] }],
  status: 'experimental',
  notes:
    'Required from growth, and from launch when a compliance framework asks for vulnerability management of what is deployed (SOC 2 change and vulnerability controls, PCI DSS requirement 6). Image builds are docker/podman/buildah build, docker buildx, kaniko, az acr build, gcloud builds submit, ko, pack, jib, docker/build-push-action and the Docker@2 task; scans are trivy image, grype, snyk container, docker scout, anchore, the trivy, anchore, snyk and scout actions, the Trivy and Snyk (container) tasks and the GitLab Container-Scanning template. A scan anywhere in the same pipeline counts; a scan in a separate pipeline or a registry-side scan (ECR, ACR Defender, Artifact Registry) is not visible in the files and should be attested.',
  references: [
    {
      title: 'Trivy: container image scanning',
      url: 'https://github.com/aquasecurity/trivy',
    },
    {
      title: 'GitLab: container scanning',
      url: 'https://docs.gitlab.com/user/application_security/container_scanning/',
    },
  ],
  messages: {
    unscanned: (data: { job: string; tool: string }) =>
      `The ${data.job} builds an image (${data.tool}) and no job of its pipeline scans it for vulnerabilities.`,
  },
  appliesTo: (model) =>
    model.pipelines.reduce(
      (count, pipeline) => count + pipeline.jobs.filter((job) => hasActivity(job, 'build-image')).length,
      0,
    ),
  check({ model, report }) {
    for (const pipeline of model.pipelines) {
      if (pipeline.jobs.some((job) => hasActivity(job, 'scan-image'))) continue;
      for (const job of pipeline.jobs) {
        const build = job.activities.find((activity) => activity.kind === 'build-image');
        if (build === undefined) continue;
        report({
          messageId: 'unscanned',
          data: { job: describeJob({ pipeline, job }), tool: build.tool },
          node: pipeline,
          at: build.source,
        });
      }
    }
  },
});
