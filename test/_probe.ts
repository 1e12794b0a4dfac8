import { analyse } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
const { criteria } = bundledCriteria();
const show = (t: string, c: string, el = 'org-purpose-brand') => {
  const r = analyse(t, criteria, { element: el });
  console.log(JSON.stringify(t).slice(0,150), '=>', r.findings.filter(f=>f.check===c).map(f=>JSON.stringify(t.slice(f.range.start,f.range.end))));
};
const T = '| Term | What it means at Greenleaf |\n| --- | --- |\n';
show(T + '| Brand | Our brand is the dark green and cream colour scheme. |\n', 'brand-as-logo');
show(T + '| Brand | Our brand is the green colour scheme. |\n', 'brand-as-logo');
show(T + '| Logo | Our brand is the dark green and cream colour scheme. |\n', 'brand-as-logo');
show('| A | B |\n| --- | --- |\n| Brand | Our brand is the dark green and cream colour scheme. |\n', 'brand-as-logo');
show(T + '| Brand | Our brand is the dark green and cream colour scheme. | <!-- x -->\n', 'brand-as-logo');
