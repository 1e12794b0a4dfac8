import type { DetectorSpec } from '../criteria.js';
import type { Detector } from '../context.js';
import { sequence } from './sequence.js';
import { triggerWithout } from './trigger-without.js';
import { factorClassification } from './factor-classification.js';
import { itemsWithout } from './items-without.js';
import { lawApplication } from './law-application.js';
import { lawFacts } from './law-facts.js';
import { modelExpansion } from './model-expansion.js';
import { documentAbsence } from './document-absence.js';

/** The small, fixed set of detector kinds. Checks choose one and configure it as data. */
export const detectors: Record<DetectorSpec['kind'], Detector> = {
  sequence,
  'trigger-without': triggerWithout,
  'factor-classification': factorClassification,
  'items-without': itemsWithout,
  'law-application': lawApplication,
  'law-facts': lawFacts,
  'model-expansion': modelExpansion,
  'document-absence': documentAbsence,
};
