import type { ActionReference, Pipeline } from '../../model/pipelines.js';
import { defineRule } from '../define-rule.js';

/** Every action and reusable workflow a workflow uses, by its `uses:` key. */
function references(pipeline: Pipeline): ActionReference[] {
  return pipeline.jobs.flatMap((job) => [
    ...(job.calls === undefined ? [] : [job.calls]),
    ...job.steps.flatMap((step) => (step.action === undefined ? [] : [step.action])),
  ]);
}

/** How a reference falls short of being pinned; undefined when it is pinned or needs no pin. */
function problem(reference: ActionReference): 'unpinned' | 'branch' | undefined {
  switch (reference.kind) {
    case 'local':
      return undefined;
    case 'docker':
      return reference.refKind === 'digest' ? undefined : 'unpinned';
    case 'repository':
      if (reference.refKind === 'commit') return undefined;
      if (reference.refKind === 'branch' || reference.refKind === 'none') return 'branch';
      return reference.official ? undefined : 'unpinned';
  }
}

export default defineRule({
  id: 'require-pinned-actions',
  pillar: 'security',
  title: 'Third-party actions are pinned to a commit',
  rationale:
    'A tag or branch of an action can be moved to new code by whoever controls its repository; when that happened to a widely used action in 2025 the moved tags ran code that dumped the secrets of every workflow using them.',
  remediation:
    'Reference third-party actions and reusable workflows by their full 40-character commit SHA (keep the version in a comment, `@<sha> # v4.2.0`) and let Dependabot or Renovate update the pin.',
  requiredFrom: 'launch',
  status: 'experimental',
  notes:
    'Our choice: actions published by GitHub itself (actions/*, github/*) may use version tags, because a compromise of GitHub’s own organisation would also reach the runners, and their tags are the documented way to use them; every other owner must use a full commit SHA. A branch (@main) or no ref is reported for everyone, GitHub included. Refs that look like versions (v4, 1.2.3) are taken for tags and any other name for a branch, without asking GitHub; an abbreviated SHA is not a pin because it can be ambiguous. docker:// actions must name a digest. Local actions (./path) are part of the repository. The 2025 incident is tj-actions/changed-files (CVE-2025-30066).',
  references: [
    {
      title: 'GitHub Actions: using third-party actions (security hardening)',
      url: 'https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions#using-third-party-actions',
    },
    { title: 'CVE-2025-30066 (tj-actions/changed-files)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-30066' },
  ],
  messages: {
    unpinned: (data: { uses: string }) =>
      `"${data.uses}" is referenced by a tag its owner can move; pin it to a full commit SHA.`,
    branch: (data: { uses: string }) =>
      `"${data.uses}" follows a branch (or no ref), so whatever is pushed there runs in this workflow.`,
  },
  appliesTo: (model) =>
    model.pipelines.reduce(
      (count, pipeline) => count + references(pipeline).filter((reference) => reference.kind !== 'local').length,
      0,
    ),
  check({ model, report }) {
    for (const pipeline of model.pipelines) {
      for (const reference of references(pipeline)) {
        const found = problem(reference);
        if (found === undefined) continue;
        report({ messageId: found, data: { uses: reference.uses }, node: pipeline, at: reference.source });
      }
    }
  },
});
