// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the expectations hold GitHub Actions expressions, written as workflows write them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, scanRepository } from '../src/cli/scan.js';
import { resolvePointer, type SourcePointer } from '../src/core/source.js';
import { discover } from '../src/discover/discover.js';
import { buildModel } from '../src/model/build.js';
import { classifyScript, printedReferences, splitScript } from '../src/model/pipeline-commands.js';
import { environmentTier, excludesPullRequests } from '../src/model/pipeline-environments.js';
import type { Pipeline, PipelineJob } from '../src/model/pipelines.js';
import { parseSources } from '../src/parse/parse-sources.js';
import { REPOSITORY_ROOT } from './fixtures.js';

const FIXTURES = path.join(REPOSITORY_ROOT, 'fixtures', 'pipelines');

/** discover → parse → model on a fixture repository, with no parse or model issue. */
function modelOf(name: string) {
  const root = path.join(FIXTURES, name);
  const discovery = discover({ root, paths: ['.'] });
  const parsed = parseSources(discovery.files);
  expect(parsed.issues).toEqual([]);
  const model = buildModel(parsed.kubernetes, discovery.inventory, parsed);
  expect(model.issues).toEqual([]);
  return { model, parsed };
}

function at(pointer: SourcePointer): string {
  const location = resolvePointer(pointer);
  return `${location.file}:${location.line}:${location.column}`;
}

function pipeline(pipelines: readonly Pipeline[], file: string): Pipeline {
  const found = pipelines.find((candidate) => candidate.file === file);
  if (found === undefined) throw new Error(`no pipeline ${file}`);
  return found;
}

function job(owner: Pipeline, id: string): PipelineJob {
  const found = owner.jobs.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no job ${id} in ${owner.file}`);
  return found;
}

const activities = (of: PipelineJob) =>
  of.activities.map((activity) => `${activity.kind} ${activity.tool} ${at(activity.source)}`);
const environments = (of: PipelineJob) =>
  of.environments.map(
    (environment) => `${environment.name} ${environment.tier} ${environment.origin} ${at(environment.source)}`,
  );
const gates = (of: PipelineJob) => of.gates.map((gate) => `${gate.kind} ${at(gate.source)}`);

describe('GitHub Actions workflows', () => {
  const { model, parsed } = modelOf('github-actions');
  const delivery = pipeline(model.pipelines, '.github/workflows/delivery.yml');
  const preview = pipeline(model.pipelines, '.github/workflows/preview.yml');

  it('parses each workflow into one pipeline node', () => {
    expect([...parsed.examined].sort()).toEqual(['.github/workflows/delivery.yml', '.github/workflows/preview.yml']);
    expect(delivery.id).toBe('pipeline/.github/workflows/delivery.yml');
    expect(delivery.object).toEqual({ kind: 'GitHub Actions workflow', name: '.github/workflows/delivery.yml' });
    expect(delivery.system).toBe('github-actions');
    expect(delivery.jobs.map((each) => each.id)).toEqual(['test', 'image', 'staging', 'production']);
  });

  it('reads the triggers, the workflow permissions and concurrency', () => {
    expect(delivery.triggers.events.map((event) => `${event.name} ${at(event.source)}`)).toEqual([
      'pull_request .github/workflows/delivery.yml:3:3',
      'push .github/workflows/delivery.yml:4:3',
    ]);
    expect(delivery.triggers.pullRequests).toBe(true);
    expect(delivery.triggers.pushBranches).toEqual(['main']);
    expect(delivery.triggers.defaultBranchPush).toBe(true);
    expect(at(delivery.triggers.source)).toBe('.github/workflows/delivery.yml:2:1');
    expect(delivery.permissions?.scopes).toEqual({ contents: 'read' });
    expect(at(delivery.permissions?.source ?? delivery.source)).toBe('.github/workflows/delivery.yml:6:1');
    expect(delivery.concurrency?.group).toBe('delivery-${{ github.ref }}');
    expect(at(delivery.concurrency?.source ?? delivery.source)).toBe('.github/workflows/delivery.yml:8:1');
  });

  it('classifies steps into activities, at the run or uses key', () => {
    expect(activities(job(delivery, 'test'))).toEqual(['test npm test .github/workflows/delivery.yml:20:9']);
    expect(activities(job(delivery, 'image'))).toEqual([
      'build-image docker/build-push-action .github/workflows/delivery.yml:31:9',
      'scan-image aquasecurity/trivy-action .github/workflows/delivery.yml:34:9',
    ]);
    expect(activities(job(delivery, 'staging'))).toEqual([
      'iac-validate kubeconform .github/workflows/delivery.yml:42:9',
      'deploy kubectl apply .github/workflows/delivery.yml:43:9',
    ]);
    const deploy = job(delivery, 'production').activities[0];
    expect(deploy?.tool).toBe('helm upgrade');
    expect(deploy?.rollsBackOnFailure).toBe(true);
    expect(deploy?.environmentHint).toBe('production');
  });

  it('resolves needs transitively and tells which jobs run on pull requests', () => {
    expect(job(delivery, 'production').after).toEqual(['image', 'staging', 'test']);
    expect(job(delivery, 'test').runsOnPullRequests).toBe(true);
    expect(job(delivery, 'image').condition).toBe("github.event_name == 'push'");
    expect(job(delivery, 'image').runsOnPullRequests).toBe(false);
  });

  it('reads environments (string and {name, url}) as gates, timeouts and job permissions', () => {
    const staging = job(delivery, 'staging');
    const production = job(delivery, 'production');
    expect(environments(staging)).toEqual(['staging staging declared .github/workflows/delivery.yml:40:5']);
    expect(environments(production)).toEqual(['production production declared .github/workflows/delivery.yml:48:5']);
    expect(gates(production)).toEqual(['environment .github/workflows/delivery.yml:48:5']);
    expect(gates(job(delivery, 'test'))).toEqual([]);
    expect(production.timeout?.minutes).toBe(15);
    expect(at(production.timeout?.source ?? production.source)).toBe('.github/workflows/delivery.yml:47:5');
    expect(job(delivery, 'image').permissions?.scopes).toEqual({ contents: 'read', packages: 'write' });
  });

  it('classifies action refs and finds secrets printed to the log', () => {
    const image = job(delivery, 'image');
    expect(image.steps.map((step) => `${step.action?.name} ${step.action?.refKind} ${step.action?.official}`)).toEqual([
      'docker/build-push-action commit false',
      'aquasecurity/trivy-action tag false',
    ]);
    const printed = job(delivery, 'production').steps.flatMap((step) => step.printed);
    expect(printed.map((value) => `${value.name} ${value.origin} ${at(value.source)}`)).toEqual([
      'KUBE_TOKEN secret-mapped .github/workflows/delivery.yml:54:9',
    ]);
  });

  it('sees a pull_request_target workflow that checks out the pull request head', () => {
    expect(preview.triggers.pullRequestTarget).toBe(true);
    const checkout = job(preview, 'preview').steps[0];
    expect(checkout?.action?.refKind).toBe('branch');
    expect(at(checkout?.pullRequestCheckout ?? preview.source)).toBe('.github/workflows/preview.yml:9:11');
  });
});

describe('Azure Pipelines', () => {
  const { model, parsed } = modelOf('azure-pipelines');
  const azure = pipeline(model.pipelines, 'azure-pipelines.yml');

  it('reads the pipeline and the local templates it includes', () => {
    expect([...parsed.examined].sort()).toEqual(['azure-pipelines.yml', 'templates/deploy.yml']);
    expect(model.pipelines.map((each) => each.id)).toEqual(['pipeline/azure-pipelines.yml']);
    expect(azure.stages).toEqual(['Build', 'Staging', 'Approve', 'Production']);
    expect(azure.includes.map((include) => `${include.path} ${include.found} ${at(include.source)}`)).toEqual([
      'templates/deploy.yml true azure-pipelines.yml:23:9',
      'templates/deploy.yml true azure-pipelines.yml:37:9',
      'templates/missing.yml false azure-pipelines.yml:40:9',
    ]);
    expect(azure.jobs.map((each) => each.id)).toEqual([
      'Build.test',
      'Staging.web',
      'Approve.approve',
      'Production.web',
    ]);
  });

  it('reads trigger and pr branch filters', () => {
    expect(azure.triggers.events.map((event) => `${event.name} ${at(event.source)}`)).toEqual([
      'push azure-pipelines.yml:1:1',
      'pull_request azure-pipelines.yml:4:1',
    ]);
    expect(azure.triggers.pushBranches).toEqual(['main']);
    expect(azure.triggers.pullRequests).toBe(true);
  });

  it('reads tasks and scripts into activities', () => {
    expect(activities(job(azure, 'Build.test'))).toEqual([
      'test npm test azure-pipelines.yml:16:13',
      'build-image Docker@2 azure-pipelines.yml:17:13',
    ]);
  });

  it('fills template parameters and reads deployment jobs with their environment and strategy', () => {
    const staging = job(azure, 'Staging.web');
    const production = job(azure, 'Production.web');
    expect(staging.jobKind).toBe('deployment');
    expect(staging.name).toBe('Deploy to staging');
    expect(at(staging.source)).toBe('templates/deploy.yml:6:5');
    expect(environments(staging)).toEqual(['staging staging declared templates/deploy.yml:8:5']);
    expect(environments(production)).toEqual(['production production declared templates/deploy.yml:8:5']);
    expect(staging.strategy?.type).toBe('rolling');
    expect(at(staging.strategy?.failureHook ?? staging.source)).toBe('templates/deploy.yml:21:11');
    expect(staging.timeout?.minutes).toBe(30);
    expect(activities(production)).toEqual([
      'deploy HelmDeploy@0 templates/deploy.yml:15:15',
      'rollback helm rollback templates/deploy.yml:23:17',
    ]);
    expect(production.activities[0]?.rollsBackOnFailure).toBe(true);
  });

  it('orders stages and gates production behind its environment and the manual validation', () => {
    const production = job(azure, 'Production.web');
    expect(production.after).toEqual(['Approve.approve', 'Build.test', 'Staging.web']);
    expect(gates(production)).toEqual([
      'environment templates/deploy.yml:8:5',
      'manual-validation azure-pipelines.yml:31:13',
    ]);
    expect(production.runsOnPullRequests).toBe(false);
    expect(job(azure, 'Build.test').runsOnPullRequests).toBe(true);
  });
});

describe('Azure template cycles', () => {
  it('expands a template that includes itself only once', () => {
    const { model } = modelOf('azure-template-cycle');
    const azure = pipeline(model.pipelines, 'azure-pipelines.yml');
    expect(azure.jobs.map((each) => `${each.id} ${at(each.source)}`)).toEqual(['build templates/loop.yml:3:5']);
    expect(azure.includes.map((include) => `${include.path} ${at(include.source)}`)).toEqual([
      'templates/loop.yml azure-pipelines.yml:3:5',
      'templates/loop.yml templates/loop.yml:2:5',
    ]);
  });
});

describe('GitLab CI', () => {
  const { model, parsed } = modelOf('gitlab-ci');
  const gitlab = pipeline(model.pipelines, '.gitlab-ci.yml');

  it('merges local includes and adds the jobs of scanning templates', () => {
    expect([...parsed.examined].sort()).toEqual(['.gitlab-ci.yml', 'ci/deploy.yml']);
    expect(
      gitlab.includes.map((include) => `${include.type} ${include.reference} ${include.found} ${at(include.source)}`),
    ).toEqual([
      'local ci/deploy.yml true .gitlab-ci.yml:2:5',
      'template Jobs/Container-Scanning.gitlab-ci.yml false .gitlab-ci.yml:3:5',
    ]);
    expect(gitlab.stages).toEqual(['test', 'build', 'deploy']);
    expect(gitlab.jobs.map((each) => each.id)).toEqual([
      'unit',
      'build-image',
      'deploy-staging',
      'deploy-production',
      'container_scanning',
    ]);
    expect(activities(job(gitlab, 'container_scanning'))).toEqual([
      'scan-image Jobs/Container-Scanning.gitlab-ci.yml .gitlab-ci.yml:3:5',
    ]);
  });

  it('reads script lines, resolving !reference, and inherits default: timeout', () => {
    const unit = job(gitlab, 'unit');
    expect(activities(unit)).toEqual(['test pytest .gitlab-ci.yml:13:7']);
    expect(unit.timeout?.minutes).toBe(45);
    expect(at(unit.timeout?.source ?? unit.source)).toBe('.gitlab-ci.yml:6:3');
    const build = job(gitlab, 'build-image');
    expect(build.steps.map((step) => `${step.run?.split(' ')[0]} ${at(step.source)}`)).toEqual([
      // The !reference item: its value (the flow sequence after the tag) starts at column 18.
      'docker .gitlab-ci.yml:17:18',
      'docker .gitlab-ci.yml:18:7',
    ]);
    expect(activities(build)).toEqual(['build-image docker build .gitlab-ci.yml:18:7']);
  });

  it('resolves extends across files, with each key pointing where it is written', () => {
    const production = job(gitlab, 'deploy-production');
    expect(at(production.source)).toBe('.gitlab-ci.yml:23:1');
    expect(production.stage).toBe('deploy');
    expect(activities(production)).toEqual(['deploy helm upgrade ci/deploy.yml:5:7']);
    expect(production.timeout?.minutes).toBe(20);
    expect(at(production.timeout?.source ?? production.source)).toBe('ci/deploy.yml:3:3');
    expect(production.concurrency?.group).toBe('production');
    expect(at(production.concurrency?.source ?? production.source)).toBe('.gitlab-ci.yml:29:3');
  });

  it('resolves local includes from the repository root when the scan starts above it', () => {
    const discovery = discover({ root: FIXTURES, paths: ['gitlab-ci'] });
    const parsed = parseSources(discovery.files);
    const above = buildModel(parsed.kubernetes, discovery.inventory, parsed);
    const moved = pipeline(above.pipelines, 'gitlab-ci/.gitlab-ci.yml');
    expect(moved.includes[0]?.path).toBe('gitlab-ci/ci/deploy.yml');
    expect(activities(job(moved, 'deploy-production'))).toEqual(['deploy helm upgrade gitlab-ci/ci/deploy.yml:5:7']);
  });

  it('reads environments, manual rules and needs', () => {
    const staging = job(gitlab, 'deploy-staging');
    const production = job(gitlab, 'deploy-production');
    expect(environments(staging)).toEqual(['staging staging declared .gitlab-ci.yml:21:3']);
    expect(gates(production)).toEqual(['manual .gitlab-ci.yml:32:7', 'environment .gitlab-ci.yml:26:3']);
    expect(production.needs).toEqual(['build-image']);
    // build-image itself waits for the test stage, so deploy-production does too.
    expect(production.after).toEqual(['build-image', 'container_scanning', 'unit']);
    expect(production.runsOnPullRequests).toBe(false);
    expect(staging.after).toEqual(['build-image', 'container_scanning', 'unit']);
    expect(staging.runsOnPullRequests).toBe(true);
  });
});

describe('malformed pipelines', () => {
  const report = scanRepository({
    root: path.join(FIXTURES, 'malformed'),
    paths: ['.'],
    exclude: [],
    config: DEFAULT_CONFIG,
    version: 'test',
  });

  it('reports malformed YAML and values of the wrong type with file and line', () => {
    const issues = report.parseIssues.map((issue) => `${issue.file}:${issue.line}:${issue.column}`);
    expect(issues).toEqual(['.github/workflows/broken.yml:6:12', '.github/workflows/typed.yml:7:5']);
    expect(report.parseIssues[0]?.message).toMatch(/document skipped/);
    expect(report.parseIssues[1]?.message).toBe(
      '"deploy.timeout-minutes" should be an integer but is a string; it was ignored.',
    );
  });

  it('goes on with the other files', () => {
    const found = report.findings
      .filter((finding) => finding.ruleId === 'require-deploy-concurrency')
      .map(
        (finding) =>
          `${finding.messageId} ${finding.location.file}:${finding.location.line}:${finding.location.column}`,
      );
    expect(found).toEqual(['missing .github/workflows/typed.yml:4:3', 'missing .gitlab-ci.yml:1:1']);
    const timeouts = report.verdict.coverage.undecided.filter((item) => item.ruleId === 'require-pipeline-timeout');
    expect(timeouts.map((item) => `${item.file}:${item.line}:${item.column}`)).toEqual([
      '.github/workflows/typed.yml:7:5',
    ]);
  });
});

describe('command classification', () => {
  it('splits scripts on continuations, operators and pipes', () => {
    const commands = splitScript('terraform init \\\n  -upgrade && terraform plan # comment\necho "a|b" | tee out');
    expect(commands.map((command) => command.segments)).toEqual([
      ['terraform init    -upgrade'],
      ['terraform plan'],
      ['echo "a|b"', 'tee out'],
    ]);
    expect(commands.map((command) => command.outputCaptured)).toEqual([false, false, true]);
  });

  it('tells validation from deploys and dry runs', () => {
    const kinds = (script: string) => classifyScript(script).map((activity) => `${activity.kind} ${activity.area}`);
    expect(kinds('kubectl apply --dry-run=server -f k8s/')).toEqual(['iac-validate kubernetes']);
    expect(kinds('kubectl create secret generic x --dry-run=client -o yaml | kubectl apply -f -')).toEqual([
      'deploy kubernetes',
    ]);
    expect(kinds('sudo /usr/local/bin/terraform -chdir=infra apply tfplan')).toEqual(['iac-apply terraform']);
    expect(kinds('helm upgrade --install api ./chart --dry-run')).toEqual(['iac-validate kubernetes']);
    expect(kinds('./mvnw -B verify -DskipTests')).toEqual([]);
    expect(kinds('./scripts/deploy.sh production')).toEqual(['deploy unknown']);
    expect(classifyScript('kubectl apply -k overlays/production > /dev/null')[0]?.environmentHint).toBe('production');
  });

  it('finds printed values but not piped or redirected ones', () => {
    const printed = (script: string) =>
      printedReferences(script, { macroSyntax: true }).map((reference) => `${reference.form} ${reference.name}`);
    expect(printed('echo "${{ secrets.TOKEN }}"')).toEqual(['secrets-context TOKEN']);
    expect(printed('echo "$TOKEN" | docker login --password-stdin')).toEqual([]);
    expect(printed('echo "x=$TOKEN" >> "$GITHUB_OUTPUT"')).toEqual([]);
    expect(printed("echo '$NOT_EXPANDED' $(dbPassword) >&2")).toEqual(['variable dbPassword']);
    expect(printed('printenv')).toEqual(['environment-dump printenv']);
  });
});

describe('environment names and conditions', () => {
  it('maps names to tiers', () => {
    expect(
      [
        'prod-eu',
        'Production',
        'pre-prod',
        'non-prod',
        'review/$CI_COMMIT_REF_SLUG',
        'github-pages',
        '${{ inputs.env }}',
      ].map(environmentTier),
    ).toEqual(['production', 'production', 'staging', 'development', 'review', 'other', undefined]);
  });

  it('recognises conditions that keep a job off pull requests', () => {
    expect(excludesPullRequests("github.ref == 'refs/heads/main'")).toBe(true);
    expect(excludesPullRequests("github.event_name == 'pull_request' || github.ref == 'refs/heads/main'")).toBe(false);
    expect(excludesPullRequests("and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'))")).toBe(true);
    expect(excludesPullRequests('$CI_PIPELINE_SOURCE == "merge_request_event"')).toBe(false);
    expect(excludesPullRequests(undefined)).toBe(false);
  });
});
