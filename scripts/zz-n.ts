import { bundledCriteria } from '/work/main/server/src/node/criteria-files.js';
const n = bundledCriteria().criteria.normaliser;
console.log(n.correct('custumers'), n.correct('managment'), n.correct('escalte'), n.correct('seling'), n.correct('servise'), n.correct('costomer'));
