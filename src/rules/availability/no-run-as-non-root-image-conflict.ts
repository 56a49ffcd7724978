import { pointerTo, resolvePointer, type SourcePointer } from '../../core/source.js';
import type { ImageBuild } from '../../model/image-builds.js';
import type { Container, SystemModel, Workload } from '../../model/types.js';
import { defineRule } from '../define-rule.js';
import { containersOf, describeNode } from '../helpers.js';

/** A container whose kubelet must check the image's user: runAsNonRoot without runAsUser, image built here. */
interface CheckedContainer {
  readonly workload: Workload;
  readonly container: Container;
  readonly build: ImageBuild;
}

function checkedContainers(model: SystemModel): CheckedContainer[] {
  return model.workloads.flatMap((workload) =>
    containersOf(workload, { init: true }).flatMap((container): CheckedContainer[] => {
      const own = container.securityContext;
      const pod = workload.pod.securityContext;
      if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true) return [];
      if ((own.runAsUser ?? pod.runAsUser) !== undefined) return [];
      const build = container.image === undefined ? undefined : model.imageBuildFor(container.image);
      return build === undefined ? [] : [{ workload, container, build }];
    }),
  );
}

/** The user the final image runs as, as the kubelet reads it from the image, and the Dockerfile line that sets it. */
type ImageUser =
  | {
      readonly kind: 'uid';
      readonly uid: number;
      readonly user: string;
      readonly build: ImageBuild;
      readonly source: SourcePointer;
    }
  | { readonly kind: 'name'; readonly user: string; readonly build: ImageBuild; readonly source: SourcePointer }
  | { readonly kind: 'none-on-scratch'; readonly build: ImageBuild; readonly source: SourcePointer }
  | { readonly kind: 'numeric-base' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Base images that set a numeric non-root user (distroless and Chainguard `nonroot` variants use 65532). */
const NON_ROOT_BASE = /(^|[^a-z])nonroot([^a-z]|$)/i;

/**
 * The last USER of the final stage and the stages it derives from; without one, the user of
 * the base image, followed into its Dockerfile when the repository builds it too.
 */
function imageUserOf(model: SystemModel, build: ImageBuild, seen: ReadonlySet<ImageBuild>): ImageUser {
  for (const stage of build.finalChain) {
    const last = stage.users.at(-1);
    if (last === undefined) continue;
    if (last.resolved === undefined) {
      return {
        kind: 'unknown',
        reason: `The last USER of ${build.path} (line ${lineOf(last.source)}) is a variable without a value, so whether the kubelet can verify it is unknown.`,
      };
    }
    const user = (last.resolved.split(':')[0] ?? '').trim();
    if (/^\d+$/.test(user)) return { kind: 'uid', uid: Number(user), user, build, source: last.source };
    return { kind: 'name', user, build, source: last.source };
  }
  const base = build.baseImage.resolved;
  if (base === 'scratch') return { kind: 'none-on-scratch', build, source: build.endOfFinalStage };
  const parent = base === undefined ? undefined : model.imageBuildFor(base);
  if (parent !== undefined && parent !== build && !seen.has(parent)) {
    return imageUserOf(model, parent, new Set([...seen, build]));
  }
  if (base !== undefined && NON_ROOT_BASE.test(base)) return { kind: 'numeric-base' };
  return {
    kind: 'unknown',
    reason: `${build.path} sets no USER, so the image runs as the user of ${base ?? build.baseImage.written}, which the repository does not show; the kubelet refuses to start the container if that user is root or a name.`,
  };
}

function lineOf(pointer: SourcePointer): number {
  return resolvePointer(pointer).line;
}

export default defineRule({
  id: 'no-run-as-non-root-image-conflict',
  pillar: 'availability',
  title: 'Containers that require runAsNonRoot run an image the kubelet can start',
  rationale:
    'With runAsNonRoot true and no runAsUser, the kubelet reads the user from the image before it starts the container and refuses to start it when that user is root or a name instead of a number, so the pods never run and the rollout stalls.',
  remediation:
    'Set a non-zero runAsUser next to runAsNonRoot, or end the final stage of the Dockerfile with USER and a numeric non-zero UID.',
  requiredFrom: 'prototype',
  status: 'experimental',
  notes:
    'The kubelet check is deterministic (pkg/kubelet/kuberuntime/security_context_others.go: a UID of 0 fails, a user name fails because it cannot be verified, an image without a user counts as root), so a finding is a container that will not start on any cluster, and the rule is a blocker from the first stage. It judges only containers whose image the repository builds: the image is linked to its Dockerfile through the model (a compose service with build and image, or a CI step that builds and tags it), matched by repository with tags and digests aside. USER root, USER 0 and a Dockerfile FROM scratch without USER are reported as root; any other name (USER app) as unverifiable. Without a USER, a base image the repository also builds is followed; bases named nonroot (distroless, Chainguard) carry a numeric UID and pass; any other base leaves the rule undecided, as its user is not in the files. A USER made of a variable without a value is undecided too. Init containers are checked as well, since the kubelet checks them alike. Chosen over a rule that reports root images without runAsNonRoot, which no-root-user and require-non-root-user already report on each side; linking the two files is what no single-file scanner does (shared/reference/scanners.md, gaps, item 3).',
  references: [
    {
      title: 'Kubernetes API: SecurityContext (runAsNonRoot)',
      url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1',
    },
    {
      title: 'Kubernetes source: the kubelet verifies runAsNonRoot against the image user',
      url: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/kuberuntime/security_context_others.go',
    },
    { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
  ],
  messages: {
    'root-image': (data: {
      container: string;
      workload: string;
      dockerfile: string;
      line: number;
      user: string | undefined;
    }) =>
      data.user === undefined
        ? `Container "${data.container}" of ${data.workload} requires runAsNonRoot without a runAsUser, but its image is built FROM scratch with no USER (${data.dockerfile}:${data.line}) and runs as root, so the kubelet will not start it.`
        : `Container "${data.container}" of ${data.workload} requires runAsNonRoot without a runAsUser, but its image runs as root (USER ${data.user} at ${data.dockerfile}:${data.line}), so the kubelet will not start it.`,
    'named-user': (data: { container: string; workload: string; dockerfile: string; line: number; user: string }) =>
      `Container "${data.container}" of ${data.workload} requires runAsNonRoot without a runAsUser, but its image runs as the named user "${data.user}" (${data.dockerfile}:${data.line}), which the kubelet cannot verify as non-root, so it will not start the container.`,
  },
  appliesTo: (model) => checkedContainers(model).length,
  check({ model, report, undecided }) {
    for (const { workload, container, build } of checkedContainers(model)) {
      const at = pointerTo(container.source, 'securityContext', 'runAsNonRoot');
      const user = imageUserOf(model, build, new Set());
      const base = { container: container.name, workload: describeNode(workload) };
      switch (user.kind) {
        case 'uid':
          if (user.uid === 0) {
            const line = lineOf(user.source);
            report({
              messageId: 'root-image',
              data: { ...base, dockerfile: user.build.path, line, user: user.user },
              node: workload,
              at,
            });
          }
          break;
        case 'name':
          report({
            messageId: user.user === 'root' ? 'root-image' : 'named-user',
            data: { ...base, dockerfile: user.build.path, line: lineOf(user.source), user: user.user },
            node: workload,
            at,
          });
          break;
        case 'none-on-scratch':
          report({
            messageId: 'root-image',
            data: { ...base, dockerfile: user.build.path, line: lineOf(user.source), user: undefined },
            node: workload,
            at,
          });
          break;
        case 'numeric-base':
          break;
        case 'unknown':
          undecided({ node: workload, at, reason: user.reason });
          break;
      }
    }
  },
});
