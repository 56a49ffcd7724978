import { describe, expect, it } from 'vitest';
import {
  azureTemplateEscapes,
  gitLabLocalEscapes,
  resolveAzureTemplate,
  resolveGitLabLocal,
} from './pipeline-references.js';

describe('pipeline references', () => {
  it('resolves Azure templates from the including file, or from the root with a leading slash', () => {
    expect(resolveAzureTemplate('ci/azure-pipelines.yml', 'templates/build.yml')).toBe('ci/templates/build.yml');
    expect(resolveAzureTemplate('ci/azure-pipelines.yml', '../shared/build.yml')).toBe('shared/build.yml');
    expect(resolveAzureTemplate('ci/azure-pipelines.yml', '/shared/build.yml')).toBe('shared/build.yml');
    expect(resolveAzureTemplate('ci/azure-pipelines.yml', 'build.yml@templates')).toBeUndefined();
  });

  it('tells a reference that climbs above the root from one that stays inside', () => {
    expect(azureTemplateEscapes('ci/azure-pipelines.yml', '../shared/build.yml')).toBe(false);
    expect(azureTemplateEscapes('ci/azure-pipelines.yml', '../../outside/build.yml')).toBe(true);
    expect(azureTemplateEscapes('ci/azure-pipelines.yml', 'a/../../../x.yml')).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an Azure Pipelines expression, as written in YAML
    expect(azureTemplateEscapes('azure-pipelines.yml', '${{ parameters.template }}')).toBe(false);
    expect(gitLabLocalEscapes('', 'ci/build.yml')).toBe(false);
    expect(gitLabLocalEscapes('', '../outside/ci.yml')).toBe(true);
    expect(gitLabLocalEscapes('', '/ci/../../x.yml')).toBe(true);
    expect(gitLabLocalEscapes('', 'ci/*.yml')).toBe(false);
    expect(resolveGitLabLocal('', '../outside/ci.yml')).toBeUndefined();
  });
});
