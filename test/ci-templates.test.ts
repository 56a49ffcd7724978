import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseOutputs } from '../src/cli/main.js';
import { REPOSITORY_ROOT } from './fixtures.js';

/*
 * action.yml and the GitLab template are validated against SchemaStore's JSON Schemas for GitHub
 * Action metadata and .gitlab-ci.yml, vendored unchanged under test/data (see test/data/README.md);
 * both declare draft-07. No JSON Schema for Azure Pipelines templates is vendored, so that template
 * is checked by hand only (docs/ci.md says the same). The hand checks stay for every template: they
 * check what no schema can (pinned actions, the command each step builds, the reports it publishes).
 */

type Yaml = Record<string, unknown>;

function readYaml(file: string): unknown {
  const text = fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  expect(
    document.errors.map((error) => error.message),
    file,
  ).toEqual([]);
  expect(
    document.warnings.map((warning) => warning.message),
    file,
  ).toEqual([]);
  return document.toJS();
}

function object(value: unknown, where: string): Yaml {
  expect(typeof value, where).toBe('object');
  expect(value, where).not.toBeNull();
  expect(Array.isArray(value), where).toBe(false);
  return value as Yaml;
}

function list(value: unknown, where: string): Yaml[] {
  expect(Array.isArray(value), where).toBe(true);
  return value as Yaml[];
}

/** Every `--format name=file` in a command line, split. */
function formatsIn(command: string): { format: string; file: string }[] {
  return [...command.matchAll(/--format\s+"?([a-z]+)=([^\s"]+)"?/g)].map((match) => ({
    format: match[1] ?? '',
    file: match[2] ?? '',
  }));
}

function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'test/data', file), 'utf8')) as Record<string, unknown>;
}

/** What a draft-07 schema finds wrong with `value`, one line per error; empty when it is valid. */
function schemaErrors(schema: Record<string, unknown>, value: unknown): string[] {
  const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
  );
}

/*
 * SchemaStore's github-action.json at the vendored commit predates `continue-on-error` on a
 * composite action's steps, which GitHub documents (metadata syntax, `runs.steps[*].continue-on-error`)
 * and action.yml uses on the comment step. The key is added to the schema here, not to the vendored
 * file; the first expectation notices when an updated schema makes the addition unnecessary.
 */
const GITHUB_ACTION_SCHEMA = readSchema('schemastore-github-action.json');
const COMPOSITE_STEP = (
  GITHUB_ACTION_SCHEMA as {
    definitions: { 'runs-composite': { properties: { steps: { items: { properties: Record<string, unknown> } } } } };
  }
).definitions['runs-composite'].properties.steps.items;
expect(COMPOSITE_STEP.properties).not.toHaveProperty('continue-on-error');
COMPOSITE_STEP.properties['continue-on-error'] = { type: ['boolean', 'string'] };

const GITLAB_CI_SCHEMA = readSchema('schemastore-gitlab-ci.json');

const SHA_PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/;

/**
 * Runs a template's shell step with a stand-in `npx` that records its arguments and exits with
 * `exitCode`: the registry and the runner are outside; the argument handling is ours.
 */
function runStep(
  script: string,
  env: Record<string, string>,
  exitCode: number,
): { status: number | null; args: string[]; files: Record<string, string> } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'prodready-ci-'));
  const bin = path.join(directory, 'bin');
  fs.mkdirSync(bin);
  const recorded = path.join(directory, 'npx-args');
  fs.writeFileSync(
    path.join(bin, 'npx'),
    `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > '${recorded}'\nprintf '## summary\\n' > prodready.md\nexit ${exitCode}\n`,
    { mode: 0o755 },
  );
  const githubOutput = path.join(directory, 'output');
  const summary = path.join(directory, 'summary');
  fs.writeFileSync(githubOutput, '');
  fs.writeFileSync(summary, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: directory,
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      GITHUB_OUTPUT: githubOutput,
      GITHUB_STEP_SUMMARY: summary,
      ...env,
    },
    encoding: 'utf8',
  });
  const args = fs.existsSync(recorded) ? fs.readFileSync(recorded, 'utf8').split('\n').slice(0, -1) : [];
  return {
    status: result.status,
    args,
    files: { output: fs.readFileSync(githubOutput, 'utf8'), summary: fs.readFileSync(summary, 'utf8') },
  };
}

describe('the GitHub Action (action.yml)', () => {
  const action = object(readYaml('action.yml'), 'action.yml');
  const runs = object(action.runs, 'runs');
  const steps = list(runs.steps, 'runs.steps');
  const inputs = object(action.inputs, 'inputs');

  it('has the metadata GitHub requires of a composite action', () => {
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    expect(runs.using).toBe('composite');
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(typeof step.name, JSON.stringify(step)).toBe('string');
      // Exactly one of run (which in a composite action must name its shell) and uses.
      expect('run' in step !== 'uses' in step, String(step.name)).toBe(true);
      if ('run' in step) expect(step.shell, String(step.name)).toBe('bash');
    }
  });

  it("is valid against SchemaStore's GitHub Action metadata schema", () => {
    expect(schemaErrors(GITHUB_ACTION_SCHEMA, action)).toEqual([]);
    // The schema is live: a key GitHub does not know in action metadata is an error.
    expect(schemaErrors(GITHUB_ACTION_SCHEMA, { ...action, on: 'push' })).toContain(
      '/ must NOT have additional properties {"additionalProperty":"on"}',
    );
  });

  it('takes paths, config, fail-on and baseline, each described, and uses no input it does not declare', () => {
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['paths', 'config', 'fail-on', 'baseline']));
    for (const [name, input] of Object.entries(inputs)) {
      expect(typeof object(input, name).description, name).toBe('string');
    }
    const text = fs.readFileSync(path.join(REPOSITORY_ROOT, 'action.yml'), 'utf8');
    const used = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map((match) => match[1]));
    for (const name of used) expect(Object.keys(inputs), String(name)).toContain(name);
  });

  it('pins every action it uses by a full commit SHA and says which release it is', () => {
    const text = fs.readFileSync(path.join(REPOSITORY_ROOT, 'action.yml'), 'utf8');
    const uses = steps.flatMap((step) => (typeof step.uses === 'string' ? [step.uses] : []));
    expect(uses.map((reference) => reference.replace(/@.*/, ''))).toEqual([
      'actions/setup-node',
      'github/codeql-action/upload-sarif',
      'actions/github-script',
    ]);
    for (const reference of uses) {
      expect(reference).toMatch(SHA_PINNED);
      const name = reference.replace(/@.*/, '').split('/').slice(0, 2).join('/');
      expect(text, reference).toMatch(new RegExp(`# ${name} v\\d+\\.\\d+\\.\\d+.*\\n\\s+uses: ${reference}`));
    }
  });

  it('sets up Node 20 and uploads the SARIF the scan writes', () => {
    const node = steps.find((step) => String(step.uses).startsWith('actions/setup-node@'));
    expect(object(node?.with, 'setup-node')['node-version']).toBe('20');
    const scan = steps.find((step) => step.id === 'scan');
    expect(formatsIn(String(scan?.run))).toEqual([
      { format: 'sarif', file: 'prodready.sarif' },
      { format: 'markdown', file: 'prodready.md' },
    ]);
    const upload = steps.find((step) => String(step.uses).startsWith('github/codeql-action/upload-sarif@'));
    expect(object(upload?.with, 'upload-sarif').sarif_file).toBe('prodready.sarif');
    expect(String(upload?.if)).toContain('always()');
  });

  it('builds the scan command from the inputs and reports the exit code', () => {
    const scan = steps.find((step) => step.id === 'scan');
    const script = String(scan?.run);
    const env = { PRODREADY_VERSION: '0.1.0', PRODREADY_FAIL_ON: 'next', PRODREADY_FAIL_ON_NEW: 'true' };
    const plain = runStep(script, { ...env, PRODREADY_PATHS: '.', PRODREADY_CONFIG: '', PRODREADY_BASELINE: '' }, 1);
    expect(plain.status).toBe(0);
    expect(plain.args).toEqual([
      '--yes',
      'prodready@0.1.0',
      'scan',
      '.',
      '--format',
      'sarif=prodready.sarif',
      '--format',
      'markdown=prodready.md',
      '--fail-on',
      'next',
    ]);
    expect(plain.files.output).toBe('exit-code=1\n');
    expect(plain.files.summary).toBe('## summary\n');
    const full = runStep(
      script,
      {
        ...env,
        PRODREADY_PATHS: 'deploy/k8s\ninfra "quoted dir"',
        PRODREADY_CONFIG: 'ops/prodready.yaml',
        PRODREADY_BASELINE: 'base line.json',
      },
      0,
    );
    expect(full.args.slice(3)).toEqual([
      'deploy/k8s',
      'infra',
      '"quoted',
      'dir"',
      '--format',
      'sarif=prodready.sarif',
      '--format',
      'markdown=prodready.md',
      '--fail-on',
      'next',
      '--config',
      'ops/prodready.yaml',
      '--baseline',
      'base line.json',
      '--fail-on-new',
    ]);
    expect(full.files.output).toBe('exit-code=0\n');
    // The last step fails the job with the scan's exit code.
    const decide = steps.at(-1);
    expect(runStep(String(decide?.run), { PRODREADY_EXIT_CODE: '1' }, 0).status).toBe(1);
    expect(runStep(String(decide?.run), { PRODREADY_EXIT_CODE: '0' }, 0).status).toBe(0);
  });

  it('keeps one pull-request comment, found by its hidden marker', async () => {
    const step = steps.find((candidate) => String(candidate.uses).startsWith('actions/github-script@'));
    const script = String(object(step?.with, 'github-script').script);
    expect(script).toContain('<!-- prodready -->');
    // A stand-in for the GitHub REST API (outside our code) that records the calls.
    async function postWith(existing: { id: number; body: string }[]) {
      const calls: { method: string; parameters: Record<string, unknown> }[] = [];
      const record = (method: string) => async (parameters: Record<string, unknown>) => {
        calls.push({ method, parameters });
        return { data: {} };
      };
      const github = {
        paginate: async () => existing,
        rest: {
          issues: {
            listComments: record('listComments'),
            createComment: record('createComment'),
            updateComment: record('updateComment'),
          },
        },
      };
      const context = { repo: { owner: 'acme', repo: 'shop' }, payload: { pull_request: { number: 7 } } };
      const require = (name: string) => {
        expect(name).toBe('node:fs');
        return { readFileSync: () => '## NOT READY\n' };
      };
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
        ...parameters: string[]
      ) => (...values: unknown[]) => Promise<void>;
      await new AsyncFunction('require', 'github', 'context', script)(require, github, context);
      return calls;
    }
    expect(await postWith([{ id: 1, body: 'LGTM' }])).toEqual([
      {
        method: 'createComment',
        parameters: { owner: 'acme', repo: 'shop', issue_number: 7, body: '<!-- prodready -->\n## NOT READY\n' },
      },
    ]);
    expect(
      await postWith([
        { id: 1, body: 'LGTM' },
        { id: 42, body: '<!-- prodready -->\n## READY' },
      ]),
    ).toEqual([
      {
        method: 'updateComment',
        parameters: { owner: 'acme', repo: 'shop', comment_id: 42, body: '<!-- prodready -->\n## NOT READY\n' },
      },
    ]);
  });

  it('documents the permissions it needs', () => {
    const text = fs.readFileSync(path.join(REPOSITORY_ROOT, 'action.yml'), 'utf8');
    const docs = fs.readFileSync(path.join(REPOSITORY_ROOT, 'docs/ci.md'), 'utf8');
    for (const permission of ['contents: read', 'security-events: write', 'pull-requests: write']) {
      expect(text, permission).toContain(permission);
      expect(docs, permission).toContain(permission);
    }
  });
});

describe('the Azure Pipelines template (templates/azure-pipelines.yml)', () => {
  const template = object(readYaml('templates/azure-pipelines.yml'), 'azure');
  const parameters = list(template.parameters, 'parameters');
  const steps = list(template.steps, 'steps');

  it('is a steps template with typed parameters', () => {
    expect(Object.keys(template)).toEqual(['parameters', 'steps']);
    for (const parameter of parameters) {
      expect(typeof parameter.name).toBe('string');
      expect(['string', 'boolean'], String(parameter.name)).toContain(parameter.type);
      expect('default' in parameter, String(parameter.name)).toBe(true);
    }
    expect(parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['paths', 'config', 'failOn', 'baseline']),
    );
    for (const step of steps) {
      // Each step is a task, a script step or a publish step, with a name to show.
      expect(
        ['task', 'bash', 'publish'].filter((key) => key in step),
        JSON.stringify(step),
      ).toHaveLength(1);
      expect(typeof step.displayName).toBe('string');
    }
  });

  it('publishes the JUnit results and the HTML report the scan writes, also when the scan fails', () => {
    const scan = steps.find((step) => 'bash' in step);
    const written = formatsIn(String(scan?.bash));
    expect(written.map((entry) => entry.format)).toEqual(['junit', 'html', 'sarif', 'markdown']);
    const junit = steps.find((step) => step.task === 'PublishTestResults@2');
    const inputs = object(junit?.inputs, 'PublishTestResults@2');
    expect(inputs.testResultsFormat).toBe('JUnit');
    expect(inputs.testResultsFiles).toBe(
      written
        .find((entry) => entry.format === 'junit')
        ?.file.replace('$out', '$(Build.ArtifactStagingDirectory)/prodready'),
    );
    expect(junit?.condition).toBe('succeededOrFailed()');
    const publish = steps.find((step) => 'publish' in step);
    expect(publish?.publish).toBe('$(Build.ArtifactStagingDirectory)/prodready');
    expect(publish?.condition).toBe('succeededOrFailed()');
    expect(written.find((entry) => entry.format === 'html')?.file).toBe('$out/prodready.html');
  });

  it('builds the scan command from the parameters', () => {
    const scan = steps.find((step) => 'bash' in step);
    const script = String(scan?.bash).replaceAll('$(Build.ArtifactStagingDirectory)', 'staging');
    const result = runStep(
      script,
      {
        PRODREADY_PATHS: 'k8s infra',
        PRODREADY_CONFIG: '',
        PRODREADY_FAIL_ON: 'blocker',
        PRODREADY_BASELINE: 'main.json',
        // Azure passes a boolean parameter as True or False.
        PRODREADY_FAIL_ON_NEW: 'True',
        PRODREADY_VERSION: 'latest',
      },
      1,
    );
    expect(result.status).toBe(1);
    expect(result.args).toEqual([
      '--yes',
      'prodready@latest',
      'scan',
      'k8s',
      'infra',
      '--format',
      'terminal',
      '--format',
      'junit=staging/prodready/prodready-junit.xml',
      '--format',
      'html=staging/prodready/prodready.html',
      '--format',
      'sarif=staging/prodready/prodready.sarif',
      '--format',
      'markdown=staging/prodready/prodready.md',
      '--fail-on',
      'blocker',
      '--baseline',
      'main.json',
      '--fail-on-new',
    ]);
  });
});

describe('the GitLab CI template (templates/gitlab-ci.yml)', () => {
  const pipeline = object(readYaml('templates/gitlab-ci.yml'), 'gitlab');
  const job = object(pipeline.prodready, 'prodready job');

  it('is a job with a script and a code quality report', () => {
    const script = list(job.script, 'script') as unknown as string[];
    expect(script.length).toBeGreaterThan(0);
    for (const line of script) expect(typeof line).toBe('string');
    const artifacts = object(job.artifacts, 'artifacts');
    const reports = object(artifacts.reports, 'artifacts.reports');
    const written = formatsIn(script.join('\n'));
    expect(reports.codequality).toBe(written.find((entry) => entry.format === 'codequality')?.file);
    expect(reports.junit).toBe(written.find((entry) => entry.format === 'junit')?.file);
    // Reports are kept when the job fails, which is when they matter.
    expect(artifacts.when).toBe('always');
    expect(String(job.image)).toMatch(/^node:20/);
  });

  it("is, as the pipeline GitLab builds when it is included, valid against SchemaStore's .gitlab-ci.yml schema", () => {
    // The template is a fragment (one job) that a project includes; the complete .gitlab-ci.yml
    // declares the stage the job runs in.
    const complete = { stages: ['test'], ...pipeline };
    expect(list(complete.stages, 'stages')).toContain(job.stage);
    expect(schemaErrors(GITLAB_CI_SCHEMA, complete)).toEqual([]);
    // The schema is live: artifacts are kept on_success, on_failure or always, nothing else.
    const broken = {
      ...complete,
      prodready: { ...job, artifacts: { ...object(job.artifacts, 'artifacts'), when: 'ever' } },
    };
    expect(schemaErrors(GITLAB_CI_SCHEMA, broken).some((error) => error.startsWith('/prodready/artifacts/when'))).toBe(
      true,
    );
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('runs prodready scan on the whole repository', () => {
    const hooks = list(readYaml('.pre-commit-hooks.yaml'), 'hooks');
    expect(hooks).toHaveLength(1);
    const hook = hooks[0] as Yaml;
    expect(hook).toMatchObject({ id: 'prodready', entry: 'prodready scan', language: 'node', pass_filenames: false });
    expect(typeof hook.name).toBe('string');
    const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(Object.keys(manifest.bin)).toContain(String(hook.entry).split(' ')[0]);
    const files = new RegExp(String(hook.files));
    for (const file of [
      'k8s/api.yaml',
      'infra/main.tf',
      'Dockerfile',
      'services/api/Dockerfile.prod',
      'prodready.yaml',
    ]) {
      expect(files.test(file), file).toBe(true);
    }
    expect(files.test('src/index.ts')).toBe(false);
  });
});

describe('every template', () => {
  it('asks for formats and file names that prodready scan accepts', () => {
    const commands = [
      fs.readFileSync(path.join(REPOSITORY_ROOT, 'action.yml'), 'utf8'),
      fs.readFileSync(path.join(REPOSITORY_ROOT, 'templates/azure-pipelines.yml'), 'utf8'),
      fs.readFileSync(path.join(REPOSITORY_ROOT, 'templates/gitlab-ci.yml'), 'utf8'),
    ];
    for (const command of commands) {
      const formats = formatsIn(command);
      expect(formats.length).toBeGreaterThan(1);
      expect(
        parseOutputs(
          formats.map((entry) => `${entry.format}=${entry.file}`),
          undefined,
        ),
      ).toHaveLength(formats.length);
    }
  });
});

describe('docs/ci.md', () => {
  it('has a copy-paste example for each system that parses as YAML', () => {
    const docs = fs.readFileSync(path.join(REPOSITORY_ROOT, 'docs/ci.md'), 'utf8');
    const examples = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(examples).toHaveLength(4);
    for (const example of examples) {
      const document = parseDocument(example, { uniqueKeys: true });
      expect(
        document.errors.map((error) => error.message),
        example,
      ).toEqual([]);
    }
    const [github, azure, gitlab, preCommit] = examples.map((example) => parseDocument(example).toJS() as Yaml);
    const job = object(object(github?.jobs, 'jobs').prodready, 'job');
    for (const step of list(job.steps, 'steps')) {
      if (String(step.uses).startsWith('actions/')) expect(step.uses).toMatch(SHA_PINNED);
    }
    expect(object(github?.permissions, 'permissions')).toEqual({
      contents: 'read',
      'security-events': 'write',
      'pull-requests': 'write',
    });
    expect(list(azure?.steps, 'azure steps').some((step) => 'template' in step)).toBe(true);
    expect(object(gitlab?.prodready, 'gitlab job').variables).toBeDefined();
    const hooks = list(object(list(preCommit?.repos, 'repos')[0], 'repo').hooks, 'hooks');
    expect(hooks[0]?.id).toBe('prodready');
    // It says which vendored schema validates which template, and that Azure's has none.
    for (const file of ['test/data/schemastore-github-action.json', 'test/data/schemastore-gitlab-ci.json']) {
      expect(docs, file).toContain(file);
      expect(fs.existsSync(path.join(REPOSITORY_ROOT, file)), file).toBe(true);
    }
    expect(docs).toContain('`templates/azure-pipelines.yml` is not validated against a schema');
  });
});
