/**
 * What a pipeline step does, read from its shell commands, its action or its task: tests, image
 * builds and scans, infrastructure validation and apply, deploys and rollbacks. Pure text rules;
 * no command is run.
 */

export const ACTIVITY_KINDS = [
  'test',
  'build-image',
  'scan-image',
  'iac-validate',
  'iac-apply',
  'deploy',
  'rollback',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * What an activity acts on: `terraform` (Terraform, OpenTofu, Terragrunt), `kubernetes`
 * (manifests, Kustomize, Helm), `pulumi`, `cloud-template` (ARM/Bicep, CloudFormation),
 * `gitops` (Argo CD, Flux), `platform` (App Service, ECS, Cloud Run…), `any` (a scanner that
 * reads several), `code`, `image`, or `unknown` (a script named deploy).
 */
export const ACTIVITY_AREAS = [
  'terraform',
  'kubernetes',
  'pulumi',
  'cloud-template',
  'gitops',
  'platform',
  'any',
  'code',
  'image',
  'unknown',
] as const;
export type ActivityArea = (typeof ACTIVITY_AREAS)[number];

/** One thing a command, action or task was recognised to do. */
export interface CommandActivity {
  readonly kind: ActivityKind;
  readonly area: ActivityArea;
  /** What was recognised, for messages: `terraform apply`, `docker/build-push-action`. */
  readonly tool: string;
  /** An environment named in the command's arguments (`overlays/production`, `-n staging`). */
  readonly environmentHint: string | undefined;
  /** The deploy rolls itself back when it fails (`helm upgrade --atomic`). */
  readonly rollsBackOnFailure: boolean;
  /** The deploy shifts traffic progressively (a canary or blue-green strategy input). */
  readonly progressive: boolean;
}

/** One command of a script, with the parts it pipes through. */
export interface ShellCommand {
  /** The segments of `a | b | c`, each without the prefixes that do not change the program (`sudo`, `VAR=x`). */
  readonly segments: readonly string[];
  /** The command as written (after joining continuation lines). */
  readonly text: string;
  /** Whether its standard output goes to a file or another program rather than to the log. */
  readonly outputCaptured: boolean;
}

/** Splits a shell script into commands: joins `\` continuations, drops comments, splits on `&&`, `||`, `;` and new lines. */
export function splitScript(script: string): readonly ShellCommand[] {
  const joined = script.replace(/\\\r?\n/g, ' ');
  const commands: ShellCommand[] = [];
  for (const line of joined.split(/\r?\n/)) {
    for (const text of splitOutsideQuotes(stripComment(line), /^(&&|\|\||;)/)) {
      const trimmed = text.trim();
      if (trimmed === '') continue;
      const segments = splitOutsideQuotes(trimmed, /^\|(?!\|)/)
        .map((segment) => normaliseSegment(segment))
        .filter((segment) => segment !== '');
      commands.push({ segments, text: trimmed, outputCaptured: segments.length > 1 || redirectsOutput(trimmed) });
    }
  }
  return commands;
}

/** Whether standard output goes to a file (`> out`, `>> $GITHUB_ENV`, `&> log`), not to the log or stderr. */
function redirectsOutput(command: string): boolean {
  const bare = command.replace(/"[^"]*"|'[^']*'/g, '""');
  for (const match of bare.matchAll(/(^|\s|&|1)>>?\s*(\S+)/g)) {
    const target = match[2] ?? '';
    if (match[1] !== '&' && (target.startsWith('&2') || target === '/dev/stderr' || target === '/dev/stdout')) continue;
    return true;
  }
  return false;
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '#' && (index === 0 || /\s/.test(line[index - 1] ?? ''))) {
      return line.slice(0, index);
    }
  }
  return line;
}

/** Splits on a separator that matches at a position outside quotes, `$(…)` and `${{ }}` expressions. */
function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  const closers: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
      continue;
    }
    if (text.startsWith('${{', index)) {
      closers.push('}}');
      index += 2;
      continue;
    }
    if (text.startsWith('$(', index)) {
      closers.push(')');
      index += 1;
      continue;
    }
    const closer = closers[closers.length - 1];
    if (closer !== undefined) {
      if (text.startsWith(closer, index)) {
        closers.pop();
        index += closer.length - 1;
      }
      continue;
    }
    if (character === '"' || character === "'") {
      quote = character;
      continue;
    }
    const match = separator.exec(text.slice(index));
    if (match !== null) {
      parts.push(text.slice(start, index));
      index += match[0].length - 1;
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const PREFIXES =
  /^(?:sudo(?:\s+-\S+)*|time|exec|command|nohup|env(?:\s+-\S+)*|[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|\S*))\s+/;

function normaliseSegment(segment: string): string {
  let text = segment.trim();
  for (let guard = 0; guard < 8; guard += 1) {
    const match = PREFIXES.exec(text);
    if (match === null) break;
    text = text.slice(match[0].length);
  }
  return text
    .replace(/^(?:npx|bunx|pnpx)(?:\s+(?:--yes|-y))?\s+/, '')
    .replace(/^(?:pnpm|yarn)\s+(?:exec|dlx)\s+/, '')
    .replace(/^python3?\s+-m\s+/, '')
    .replace(/^\.\/(mvnw|gradlew)\b/, '$1')
    .replace(
      /^(?:\S*\/)?(terraform|tofu|terragrunt|kubectl|helm|kustomize|trivy|grype|docker|kubeconform|kubeval)\b/,
      '$1',
    );
}

interface CommandRule {
  readonly pattern: RegExp;
  readonly kind: ActivityKind;
  readonly area: ActivityArea;
  readonly tool: string;
  /** When set, the command is this activity only if the rest of the command does not match. */
  readonly unless?: RegExp;
}

const SKIP_TESTS = /-DskipTests|-Dmaven\.test\.skip=true|-x\s+test\b/;
/** A dry run changes nothing; only `kubectl --dry-run=server` has the API server validate the manifests. */
const DRY_RUN = /--dry-run\b/;

/** Tests, builds, scans, validation, applies, deploys and rollbacks, by command. First match wins per kind. */
const COMMAND_RULES: readonly CommandRule[] = [
  // Tests.
  { pattern: /^(npm|pnpm|yarn|bun)\s+(run\s+)?(test|t)(\b|:)/, kind: 'test', area: 'code', tool: 'npm test' },
  { pattern: /^npm\s+run\s+test/, kind: 'test', area: 'code', tool: 'npm test' },
  { pattern: /^(npm|pnpm|yarn)\s+(run\s+)?(cit|install-ci-test)\b/, kind: 'test', area: 'code', tool: 'npm cit' },
  {
    pattern: /^(jest|vitest|mocha|ava|karma\s+start|jasmine|tap)\b/,
    kind: 'test',
    area: 'code',
    tool: 'JavaScript tests',
  },
  { pattern: /^(bun|deno)\s+test\b/, kind: 'test', area: 'code', tool: 'JavaScript tests' },
  { pattern: /^(playwright\s+test|cypress\s+run)\b/, kind: 'test', area: 'code', tool: 'end-to-end tests' },
  { pattern: /^(pytest|py\.test|tox|nox|unittest|nose2)\b/, kind: 'test', area: 'code', tool: 'pytest' },
  {
    pattern: /^(poetry|pipenv|uv|hatch|pdm)\s+run\s+(pytest|tox|python\s+-m\s+pytest)\b/,
    kind: 'test',
    area: 'code',
    tool: 'pytest',
  },
  { pattern: /^hatch\s+(test|run\s+test)\b/, kind: 'test', area: 'code', tool: 'pytest' },
  { pattern: /^go\s+test\b/, kind: 'test', area: 'code', tool: 'go test' },
  { pattern: /^gotestsum\b/, kind: 'test', area: 'code', tool: 'go test' },
  { pattern: /^cargo\s+(test|nextest)\b/, kind: 'test', area: 'code', tool: 'cargo test' },
  {
    pattern: /^(mvn|mvnw)\b.*\s(test|verify|install|package)\b/,
    kind: 'test',
    area: 'code',
    tool: 'mvn test',
    unless: SKIP_TESTS,
  },
  {
    pattern: /^(gradle|gradlew)\b.*\s(test|check|build)\b/,
    kind: 'test',
    area: 'code',
    tool: 'gradle test',
    unless: SKIP_TESTS,
  },
  { pattern: /^dotnet\s+test\b/, kind: 'test', area: 'code', tool: 'dotnet test' },
  {
    pattern: /^(make|just|task)\s+(\S+\s+)*(test|tests|check|unit-test|test-\S+)\b/,
    kind: 'test',
    area: 'code',
    tool: 'make test',
  },
  { pattern: /^(bundle\s+exec\s+)?(rspec|rake\s+(test|spec))\b/, kind: 'test', area: 'code', tool: 'rspec' },
  {
    pattern: /^(\S*\/)?phpunit\b|^(composer|php\s+artisan)\s+test\b|^(\S*\/)?pest\b/,
    kind: 'test',
    area: 'code',
    tool: 'phpunit',
  },
  { pattern: /^mix\s+test\b/, kind: 'test', area: 'code', tool: 'mix test' },
  {
    pattern: /^(swift\s+test|ctest|sbt\s+(\S+\s+)*test|lein\s+test|flutter\s+test|dart\s+test)\b/,
    kind: 'test',
    area: 'code',
    tool: 'tests',
  },

  // Image builds.
  {
    pattern: /^(docker|podman|nerdctl)\s+(image\s+)?build\b/,
    kind: 'build-image',
    area: 'image',
    tool: 'docker build',
  },
  { pattern: /^docker\s+buildx\s+(build|bake)\b/, kind: 'build-image', area: 'image', tool: 'docker buildx build' },
  {
    pattern: /^(docker\s+compose|docker-compose)\s+(\S+\s+)*build\b/,
    kind: 'build-image',
    area: 'image',
    tool: 'docker compose build',
  },
  { pattern: /^buildah\s+(bud|build)\b/, kind: 'build-image', area: 'image', tool: 'buildah build' },
  {
    pattern: /^(\S*\/)?(kaniko\/)?executor\b.*--(context|destination)/,
    kind: 'build-image',
    area: 'image',
    tool: 'kaniko',
  },
  { pattern: /^az\s+acr\s+build\b/, kind: 'build-image', area: 'image', tool: 'az acr build' },
  { pattern: /^gcloud\s+builds\s+submit\b/, kind: 'build-image', area: 'image', tool: 'gcloud builds submit' },
  {
    pattern: /^(pack\s+build|ko\s+(build|publish|resolve)|img\s+build)\b/,
    kind: 'build-image',
    area: 'image',
    tool: 'image build',
  },
  { pattern: /^(mvn|mvnw|gradle|gradlew)\b.*\bjib\b/, kind: 'build-image', area: 'image', tool: 'jib' },

  // Image scans.
  { pattern: /^trivy\s+(image|i)\b/, kind: 'scan-image', area: 'image', tool: 'trivy image' },
  { pattern: /^trivy\s+(\S+\s+)*--input\b/, kind: 'scan-image', area: 'image', tool: 'trivy image' },
  { pattern: /^grype\b/, kind: 'scan-image', area: 'image', tool: 'grype' },
  { pattern: /^snyk\s+container\s+(test|monitor)\b/, kind: 'scan-image', area: 'image', tool: 'snyk container' },
  {
    pattern: /^docker\s+(scout\s+(cves|quickview|recommendations|compare)|scan)\b/,
    kind: 'scan-image',
    area: 'image',
    tool: 'docker scout',
  },
  { pattern: /^(anchorectl|anchore-cli)\s+image\b|^anchore\b/, kind: 'scan-image', area: 'image', tool: 'anchore' },
  {
    pattern:
      /^(clair-scanner|clairctl|twistcli\s+images\s+scan|wizcli\s+docker\s+scan|wiz\s+docker\s+scan|neuvector)\b/,
    kind: 'scan-image',
    area: 'image',
    tool: 'image scanner',
  },
  { pattern: /^az\s+acr\s+(\S+\s+)*scan\b/, kind: 'scan-image', area: 'image', tool: 'image scanner' },

  // Infrastructure validation.
  {
    pattern: /^(terraform|tofu)\s+(-chdir=\S+\s+)?(validate|plan)\b/,
    kind: 'iac-validate',
    area: 'terraform',
    tool: 'terraform plan',
  },
  {
    pattern: /^(terraform|tofu)\s+(-chdir=\S+\s+)?fmt\b.*-check/,
    kind: 'iac-validate',
    area: 'terraform',
    tool: 'terraform fmt -check',
  },
  {
    pattern: /^terragrunt\s+(run-all\s+|run\s+--all\s+)?(validate|plan)\b/,
    kind: 'iac-validate',
    area: 'terraform',
    tool: 'terragrunt plan',
  },
  { pattern: /^(tflint|tfsec|terrascan)\b/, kind: 'iac-validate', area: 'terraform', tool: 'tflint' },
  {
    pattern: /^(checkov|kics\s+scan|trivy\s+(config|conf)|conftest\s+(test|verify))\b/,
    kind: 'iac-validate',
    area: 'any',
    tool: 'policy scan',
  },
  { pattern: /^(kubeconform|kubeval)\b/, kind: 'iac-validate', area: 'kubernetes', tool: 'kubeconform' },
  {
    pattern: /^(kube-linter\s+lint|kube-score\s+score|polaris\s+audit|datree\s+test|pluto\s+detect)/,
    kind: 'iac-validate',
    area: 'kubernetes',
    tool: 'manifest lint',
  },
  { pattern: /^helm\s+(lint|diff)\b/, kind: 'iac-validate', area: 'kubernetes', tool: 'helm lint' },
  {
    pattern: /^helm\s+(upgrade|install)\b.*--dry-run/,
    kind: 'iac-validate',
    area: 'kubernetes',
    tool: 'helm --dry-run',
  },
  {
    pattern: /^kubectl\s+(\S+\s+)*(apply|create|replace)\b.*--dry-run=server\b/,
    kind: 'iac-validate',
    area: 'kubernetes',
    tool: 'kubectl --dry-run=server',
  },
  { pattern: /^kubectl\s+(\S+\s+)*diff\b/, kind: 'iac-validate', area: 'kubernetes', tool: 'kubectl diff' },
  { pattern: /^pulumi\s+preview\b/, kind: 'iac-validate', area: 'pulumi', tool: 'pulumi preview' },
  {
    pattern: /^az\s+deployment\s+(group|sub|mg|tenant)\s+(validate|what-if)\b|^az\s+bicep\s+(build|lint)\b/,
    kind: 'iac-validate',
    area: 'cloud-template',
    tool: 'az deployment what-if',
  },
  {
    pattern: /^aws\s+cloudformation\s+validate-template\b|^cfn-lint\b/,
    kind: 'iac-validate',
    area: 'cloud-template',
    tool: 'cfn-lint',
  },

  // Infrastructure apply.
  {
    pattern: /^(terraform|tofu)\s+(-chdir=\S+\s+)?apply\b/,
    kind: 'iac-apply',
    area: 'terraform',
    tool: 'terraform apply',
  },
  {
    pattern: /^terragrunt\s+(run-all\s+|run\s+--all\s+)?apply\b/,
    kind: 'iac-apply',
    area: 'terraform',
    tool: 'terragrunt apply',
  },
  { pattern: /^pulumi\s+up\b/, kind: 'iac-apply', area: 'pulumi', tool: 'pulumi up' },
  {
    pattern: /^az\s+deployment\s+(group|sub|mg|tenant)\s+create\b/,
    kind: 'iac-apply',
    area: 'cloud-template',
    tool: 'az deployment create',
  },
  {
    pattern: /^aws\s+cloudformation\s+(deploy|create-stack|update-stack)\b/,
    kind: 'iac-apply',
    area: 'cloud-template',
    tool: 'aws cloudformation deploy',
  },

  // Rollbacks.
  { pattern: /^helm\s+rollback\b/, kind: 'rollback', area: 'kubernetes', tool: 'helm rollback' },
  {
    pattern: /^kubectl\s+(\S+\s+)*rollout\s+undo\b/,
    kind: 'rollback',
    area: 'kubernetes',
    tool: 'kubectl rollout undo',
  },
  {
    pattern: /^kubectl\s+(\S+\s+)*argo\s+rollouts\s+(undo|abort)\b/,
    kind: 'rollback',
    area: 'kubernetes',
    tool: 'argo rollouts undo',
  },
  { pattern: /^argocd\s+app\s+rollback\b/, kind: 'rollback', area: 'gitops', tool: 'argocd app rollback' },

  // Deploys.
  {
    pattern: /^kubectl\s+(\S+\s+)*(apply|replace)\b|^kubectl\s+(\S+\s+)*create\b.*\s(-f|-k|--filename|--kustomize)\b/,
    kind: 'deploy',
    area: 'kubernetes',
    tool: 'kubectl apply',
    unless: DRY_RUN,
  },
  {
    pattern: /^kubectl\s+(\S+\s+)*(set\s+image|rollout\s+restart|patch\s+(deployment|statefulset|daemonset))\b/,
    kind: 'deploy',
    area: 'kubernetes',
    tool: 'kubectl set image',
  },
  {
    pattern: /^kubectl\s+(\S+\s+)*argo\s+rollouts\s+(set\s+image|promote)\b/,
    kind: 'deploy',
    area: 'kubernetes',
    tool: 'argo rollouts set image',
  },
  {
    pattern: /^helm\s+(upgrade|install)\b/,
    kind: 'deploy',
    area: 'kubernetes',
    tool: 'helm upgrade',
    unless: /--dry-run/,
  },
  {
    pattern: /^(helmfile\s+(\S+\s+)*(apply|sync|deploy)|skaffold\s+(run|deploy)|kapp\s+deploy|kluctl\s+deploy)\b/,
    kind: 'deploy',
    area: 'kubernetes',
    tool: 'helmfile apply',
  },
  { pattern: /^argocd\s+app\s+(sync|set)\b/, kind: 'deploy', area: 'gitops', tool: 'argocd app sync' },
  { pattern: /^flux\s+reconcile\b/, kind: 'deploy', area: 'gitops', tool: 'flux reconcile' },
  {
    pattern:
      /^az\s+(webapp\s+(deploy|up|deployment\s+source|config\s+container\s+set)|containerapp\s+(update|up|create)|functionapp\s+deployment|staticwebapp)\b/,
    kind: 'deploy',
    area: 'platform',
    tool: 'az webapp deploy',
  },
  {
    pattern: /^az\s+webapp\s+deployment\s+slot\s+swap\b/,
    kind: 'deploy',
    area: 'platform',
    tool: 'az webapp slot swap',
  },
  { pattern: /^func\s+azure\s+functionapp\s+publish\b/, kind: 'deploy', area: 'platform', tool: 'func publish' },
  {
    pattern:
      /^aws\s+(ecs\s+update-service|lambda\s+update-function-code|apprunner\s+(update-service|start-deployment)|deploy\s+create-deployment|elasticbeanstalk\s+update-environment)\b/,
    kind: 'deploy',
    area: 'platform',
    tool: 'aws ecs update-service',
  },
  {
    pattern:
      /^(ecs-deploy|eb\s+deploy|copilot\s+(svc\s+)?deploy|sam\s+deploy|cdk\s+deploy|serverless\s+deploy|sls\s+deploy)\b/,
    kind: 'deploy',
    area: 'platform',
    tool: 'platform deploy',
  },
  {
    pattern:
      /^gcloud\s+(run\s+(deploy|services\s+update)|app\s+deploy|functions\s+deploy|deploy\s+releases\s+create)\b/,
    kind: 'deploy',
    area: 'platform',
    tool: 'gcloud run deploy',
  },
  {
    pattern:
      /^(fly|flyctl)\s+deploy\b|^heroku\s+(container:release|releases)\b|^kamal\s+deploy\b|^cf\s+push\b|^vercel\b.*--prod\b/,
    kind: 'deploy',
    area: 'platform',
    tool: 'platform deploy',
  },
  {
    pattern:
      /^(docker\s+compose|docker-compose)\s+(\S+\s+)*up\b|^docker\s+stack\s+deploy\b|^docker\s+service\s+update\b/,
    kind: 'deploy',
    area: 'platform',
    tool: 'docker compose up',
  },
  {
    pattern: /^(bash\s+|sh\s+)?(\.\/)?(\S*\/)?deploy[\w.-]*\.(sh|ps1|py)\b/,
    kind: 'deploy',
    area: 'unknown',
    tool: 'deploy script',
  },
  {
    pattern: /^(make|just|task)\s+(\S+\s+)*deploy[\w:-]*\b|^(npm|pnpm|yarn)\s+(run\s+)?deploy[\w:-]*\b/,
    kind: 'deploy',
    area: 'unknown',
    tool: 'deploy script',
  },
];

/** `helm upgrade --atomic` (Helm 3) and `--rollback-on-failure` (Helm 4) undo a failed release. */
const SELF_ROLLBACK = /--atomic\b|--rollback-on-failure\b/;

/** What a script does: one activity per kind and command, in order. */
export function classifyScript(script: string): CommandActivity[] {
  const activities: CommandActivity[] = [];
  for (const command of splitScript(script)) {
    for (const segment of command.segments) {
      const activity = classifySegment(segment, command.text);
      if (activity !== undefined) activities.push(activity);
    }
  }
  return activities;
}

function classifySegment(segment: string, whole: string): CommandActivity | undefined {
  for (const rule of COMMAND_RULES) {
    if (!rule.pattern.test(segment)) continue;
    if (rule.unless?.test(segment)) continue;
    return {
      kind: rule.kind,
      area: rule.area,
      tool: rule.tool,
      environmentHint: rule.kind === 'deploy' || rule.kind === 'iac-apply' ? environmentHint(whole) : undefined,
      rollsBackOnFailure: rule.kind === 'deploy' && SELF_ROLLBACK.test(segment),
      progressive: false,
    };
  }
  return undefined;
}

const ENVIRONMENT_WORDS =
  /(?:^|[^a-z0-9])(production|prod|prd|live|staging|stage|stg|preprod|pre-prod|uat|qa|dev|development|sandbox)(?=$|[^a-z0-9])/i;

/** An environment named in a command's arguments: a path part, a namespace, a context. */
export function environmentHint(text: string): string | undefined {
  const match = ENVIRONMENT_WORDS.exec(text.replace(/\$\{\{[^}]*\}\}|\$\([^)]*\)|\/dev\/\w+/g, ' '));
  return match?.[1]?.toLowerCase();
}

/** What an action (GitHub `uses:`) does, from its name and inputs. */
export function classifyAction(action: string, inputs: Readonly<Record<string, string>>): CommandActivity[] {
  const name = action.toLowerCase();
  const found = (
    kind: ActivityKind,
    area: ActivityArea,
    extra: Partial<Pick<CommandActivity, 'rollsBackOnFailure' | 'progressive' | 'environmentHint'>> = {},
  ): CommandActivity[] => [
    {
      kind,
      area,
      tool: action,
      environmentHint: extra.environmentHint,
      rollsBackOnFailure: extra.rollsBackOnFailure ?? false,
      progressive: extra.progressive ?? false,
    },
  ];
  const input = (key: string) => (inputs[key] ?? '').toLowerCase();
  const hint = environmentHint(Object.values(inputs).join(' '));
  switch (name) {
    case 'docker/build-push-action':
    case 'docker/bake-action':
    case 'redhat-actions/buildah-build':
    case 'mr-smithers-excellent/docker-build-push':
    case 'int128/kaniko-action':
    case 'elgohr/publish-docker-github-action':
    case 'aevea/action-kaniko':
      return found('build-image', 'image');
    case 'aquasecurity/trivy-action': {
      const scanType = input('scan-type');
      if (scanType === '' || scanType === 'image') return found('scan-image', 'image');
      if (scanType === 'config') return found('iac-validate', 'any');
      return [];
    }
    case 'anchore/scan-action':
      return inputs.image !== undefined ? found('scan-image', 'image') : [];
    case 'snyk/actions/docker':
    case 'docker/scout-action':
    case 'azure/container-scan':
    case 'crazy-max/ghaction-container-scan':
    case 'sysdiglabs/scan-action':
    case 'lacework/lw-scanner-action':
    case 'neuvector/scan-action':
      return found('scan-image', 'image');
    case 'bridgecrewio/checkov-action':
    case 'datreeio/action-datree':
      return found('iac-validate', name === 'datreeio/action-datree' ? 'kubernetes' : 'any');
    case 'aquasecurity/tfsec-action':
    case 'aquasecurity/tfsec-pr-commenter-action':
    case 'dflook/terraform-validate':
    case 'dflook/terraform-plan':
    case 'dflook/terraform-fmt-check':
    case 'dflook/tofu-validate':
    case 'dflook/tofu-plan':
      return found('iac-validate', 'terraform');
    case 'dflook/terraform-apply':
    case 'dflook/tofu-apply':
      return found('iac-apply', 'terraform', { environmentHint: hint });
    case 'instrumenta/kubeval-action':
    case 'stackrox/kube-linter-action':
    case 'azure/k8s-lint':
      return found('iac-validate', 'kubernetes');
    case 'pulumi/actions': {
      const command = input('command');
      if (command === 'up' || command === 'update') return found('iac-apply', 'pulumi', { environmentHint: hint });
      if (command === 'preview') return found('iac-validate', 'pulumi');
      return [];
    }
    case 'azure/arm-deploy':
      return input('deploymentmode') === 'validate'
        ? found('iac-validate', 'cloud-template')
        : found('iac-apply', 'cloud-template', { environmentHint: hint });
    case 'aws-actions/aws-cloudformation-github-deploy':
      return found('iac-apply', 'cloud-template', { environmentHint: hint });
    case 'azure/k8s-deploy': {
      const actionInput = input('action');
      if (actionInput === 'reject') return found('rollback', 'kubernetes');
      const strategy = input('strategy');
      return found('deploy', 'kubernetes', {
        environmentHint: hint,
        progressive: strategy === 'canary' || strategy === 'blue-green',
      });
    }
    case 'azure/webapps-deploy':
    case 'azure/functions-action':
    case 'azure/container-apps-deploy-action':
    case 'azure/aci-deploy':
    case 'azure/static-web-apps-deploy':
    case 'aws-actions/amazon-ecs-deploy-task-definition':
    case 'google-github-actions/deploy-cloudrun':
    case 'google-github-actions/deploy-appengine':
    case 'google-github-actions/deploy-cloud-functions':
    case 'akhileshns/heroku-deploy':
    case 'amondnet/vercel-action':
    case 'cloudflare/wrangler-action':
      return found('deploy', 'platform', { environmentHint: hint });
    case 'deliverybot/helm':
      return found('deploy', 'kubernetes', { environmentHint: hint, rollsBackOnFailure: input('atomic') === 'true' });
    case 'cypress-io/github-action':
      return found('test', 'code');
    case 'actions-hub/kubectl':
      return classifyScript(`kubectl ${inputs.args ?? ''}`).map((activity) => ({ ...activity, tool: action }));
    case 'superfly/flyctl-actions':
      return classifyScript(`flyctl ${inputs.args ?? ''}`).map((activity) => ({ ...activity, tool: action }));
    case 'appleboy/ssh-action':
      return classifyScript(inputs.script ?? '').map((activity) => ({ ...activity, tool: action }));
    default:
      return [];
  }
}

/** What an Azure Pipelines task does, from its name (`Docker@2`) and inputs. */
export function classifyTask(task: string, inputs: Readonly<Record<string, string>>): CommandActivity[] {
  const name = (task.split('@')[0] ?? task).toLowerCase();
  const input = (key: string) => (inputs[key] ?? inputs[key.toLowerCase()] ?? '').toLowerCase();
  const hint = environmentHint(Object.values(inputs).join(' '));
  const one = (
    kind: ActivityKind,
    area: ActivityArea,
    extra: Partial<Pick<CommandActivity, 'rollsBackOnFailure' | 'progressive'>> = {},
  ): CommandActivity[] => [
    {
      kind,
      area,
      tool: task,
      environmentHint: kind === 'deploy' || kind === 'iac-apply' ? hint : undefined,
      rollsBackOnFailure: extra.rollsBackOnFailure ?? false,
      progressive: extra.progressive ?? false,
    },
  ];
  const script = inputs.script ?? inputs.inlineScript ?? inputs.Inline ?? inputs.inline;
  switch (name) {
    case 'docker': {
      const command = input('command');
      return command === '' || command === 'build' || command === 'buildandpush' || command === 'build an image'
        ? one('build-image', 'image')
        : [];
    }
    case 'dotnetcorecli':
      return input('command') === 'test' ? one('test', 'code') : [];
    case 'vstest':
      return one('test', 'code');
    case 'maven': {
      const goals = input('goals') === '' ? 'package' : input('goals');
      return /\b(test|verify|install|package)\b/.test(goals) && !SKIP_TESTS.test(inputs.options ?? '')
        ? one('test', 'code')
        : [];
    }
    case 'gradle': {
      const tasks = input('tasks') === '' ? 'build' : input('tasks');
      return /\b(test|check|build)\b/.test(tasks) ? one('test', 'code') : [];
    }
    case 'npm':
      return input('command') === 'custom' && /^(run\s+)?test\b/.test(input('customcommand'))
        ? one('test', 'code')
        : [];
    case 'terraformtaskv1':
    case 'terraformtaskv2':
    case 'terraformtaskv3':
    case 'terraformtaskv4':
    case 'terraformtaskv5':
    case 'terraformcli':
    case 'terraform': {
      const command = input('command');
      if (command === 'validate' || command === 'plan') return one('iac-validate', 'terraform');
      if (command === 'apply') return one('iac-apply', 'terraform');
      return [];
    }
    case 'azureresourcemanagertemplatedeployment':
    case 'azureresourcegroupdeployment':
      return input('deploymentmode') === 'validation'
        ? one('iac-validate', 'cloud-template')
        : one('iac-apply', 'cloud-template');
    case 'kubernetesmanifest': {
      const action = input('action') === '' ? 'deploy' : input('action');
      if (action === 'reject') return one('rollback', 'kubernetes');
      if (action === 'deploy' || action === 'promote' || action === 'patch' || action === 'scale') {
        const strategy = input('strategy');
        return one('deploy', 'kubernetes', { progressive: strategy === 'canary' || strategy === 'blue-green' });
      }
      return [];
    }
    case 'kubernetes': {
      const command = input('command');
      const activities = classifyScript(`kubectl ${command} ${inputs.arguments ?? ''}`);
      return activities.map((activity) => ({ ...activity, tool: task }));
    }
    case 'helmdeploy': {
      const command = input('command');
      if (command === 'rollback') return one('rollback', 'kubernetes');
      if (command === 'upgrade' || command === 'install') {
        return DRY_RUN.test(inputs.arguments ?? '')
          ? one('iac-validate', 'kubernetes')
          : one('deploy', 'kubernetes', { rollsBackOnFailure: SELF_ROLLBACK.test(inputs.arguments ?? '') });
      }
      return [];
    }
    case 'azurewebapp':
    case 'azurermwebappdeployment':
    case 'azurefunctionapp':
    case 'azurefunctionappcontainer':
    case 'azurewebappcontainer':
    case 'azurecontainerapps':
    case 'azurespringcloud':
    case 'azurestaticwebapp':
    case 'ecsdeploy':
      return one('deploy', 'platform');
    case 'azureappservicemanage':
      return input('action') === 'swap slots' ? one('deploy', 'platform') : [];
    case 'trivy':
      return one('scan-image', 'image');
    case 'snyksecurityscan':
      return input('testtype') === 'container' ? one('scan-image', 'image') : [];
    case 'microsoftsecuritydevops':
      return /trivy|container/.test(input('tools')) ? one('scan-image', 'image') : [];
    case 'azurecli':
    case 'awscli':
    case 'awsshellscript':
    case 'bash':
    case 'cmdline':
    case 'powershell':
    case 'azurepowershell':
    case 'shellscript':
      return script === undefined ? [] : classifyScript(script);
    default:
      return [];
  }
}

/** A value a script prints to the job log. */
export interface PrintedReference {
  /** A secret's name (`secrets.NPM_TOKEN` → `NPM_TOKEN`), a variable's name, or `*` for `toJSON(secrets)`. */
  readonly name: string;
  /** `secrets-context`: `${{ secrets.X }}`; `variable`: `$X`, `${X}`, `$env:X`, `%X%`, Azure `$(X)`; `environment-dump`: `env`, `printenv`. */
  readonly form: 'secrets-context' | 'variable' | 'environment-dump';
}

const PRINTING = /^(echo|printf|print|Write-Host|Write-Output|Write-Information|cat\s+<<<)\b/i;
const DUMPING = /^(env|printenv|export\s+-p|set|Get-ChildItem\s+env:|gci\s+env:|dir\s+env:|ls\s+env:)$/i;
/** Workflow and logging commands that the runner consumes rather than prints. */
const CONSUMED = /::add-mask::|##vso\[task\.setvariable[^\]]*issecret=true|##vso\[task\.setsecret/i;

/**
 * The values a script prints to the job log: `echo`, `printf` and the PowerShell writers whose
 * output is not piped or redirected (`echo $TOKEN | docker login --password-stdin` prints
 * nothing), and bare `env` / `printenv`. `macroSyntax`: `$(NAME)` is an Azure Pipelines
 * variable, not a command substitution.
 */
export function printedReferences(script: string, options: { readonly macroSyntax: boolean }): PrintedReference[] {
  const printed: PrintedReference[] = [];
  for (const command of splitScript(script)) {
    const first = command.segments[0] ?? '';
    if (CONSUMED.test(command.text)) continue;
    if (DUMPING.test(first) && !redirectsOutput(command.text)) {
      printed.push({ name: first, form: 'environment-dump' });
      continue;
    }
    if (!PRINTING.test(first) || command.outputCaptured) continue;
    for (const match of first.matchAll(/\$\{\{\s*(.*?)\s*\}\}/g)) {
      const expression = match[1] ?? '';
      if (/toJSON\(\s*secrets\s*\)/i.test(expression)) printed.push({ name: '*', form: 'secrets-context' });
      for (const secret of expression.matchAll(/\bsecrets(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']+)'\s*\])/g)) {
        printed.push({ name: secret[1] ?? secret[2] ?? '', form: 'secrets-context' });
      }
    }
    const shellText = first.replace(/\$\{\{.*?\}\}/g, ' ').replace(/'[^']*'/g, "''");
    const variables = new Set<string>();
    for (const match of shellText.matchAll(
      /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|\$env:([A-Za-z_][A-Za-z0-9_]*)|%([A-Za-z_][A-Za-z0-9_]*)%/g,
    )) {
      const name = match[1] ?? match[2] ?? match[3];
      if (name !== undefined) variables.add(name);
    }
    if (options.macroSyntax) {
      for (const match of first.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_.]*)\)/g))
        if (match[1] !== undefined) variables.add(match[1]);
    }
    for (const name of variables) printed.push({ name, form: 'variable' });
  }
  return printed;
}

/** Expressions that name the head of a pull request: its commit, its branch, its fork. */
const PULL_REQUEST_HEAD =
  /github\.event\.pull_request\.head\.(sha|ref|repo)|github\.head_ref|refs\/pull\/|github\.event\.(number|pull_request\.number)|github\.event\.pull_request\.merge_commit_sha/;

/** Whether a `ref` / `repository` input names the pull request's head. */
export function namesPullRequestHead(value: string): boolean {
  return PULL_REQUEST_HEAD.test(value);
}

/** Whether a script checks out the pull request's code (`git checkout <head sha>`, `gh pr checkout`). */
export function checksOutPullRequestHead(script: string): boolean {
  return splitScript(script).some((command) => {
    const first = command.segments[0] ?? '';
    if (/^gh\s+pr\s+checkout\b/.test(first)) return true;
    return /^git\s+(\S+\s+)*(checkout|fetch|switch|pull|clone)\b/.test(first) && PULL_REQUEST_HEAD.test(first);
  });
}
