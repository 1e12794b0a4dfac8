import { analyse } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { benchmarkAssignment } from './bench.js';
const { criteria } = bundledCriteria();
const text = benchmarkAssignment();
for (let i = 0; i < 200; i++) analyse(text, criteria);
