import { type Level, nextStage, type Stage, stageRank } from '../core/vocabulary.js';

/**
 * The level of a rule's findings for a stage: `blocker` when the rule is required at the stage,
 * `next` when it becomes required at the next stage, `advice` otherwise.
 */
export function levelFor(requiredFrom: Stage, stage: Stage): Level {
  if (stageRank(requiredFrom) <= stageRank(stage)) return 'blocker';
  if (nextStage(stage) === requiredFrom) return 'next';
  return 'advice';
}

export const LEVEL_RANK: Readonly<Record<Level, number>> = { blocker: 0, next: 1, advice: 2 };
