// The five elements, for the "Choose Element" quick pick: read from the packs at build
// time, so the list can never disagree with the criteria.
import orgPurposeBrand from '../../criteria/packs/org-purpose-brand.json';
import servicePrinciples from '../../criteria/packs/service-principles.json';
import orgFactorsRole from '../../criteria/packs/org-factors-role.json';
import planDeliver from '../../criteria/packs/plan-deliver.json';
import serviceEnvironment from '../../criteria/packs/service-environment.json';

export interface ElementChoice {
  element: string;
  title: string;
  synopsis: string;
}

const packs: ElementChoice[] = [orgPurposeBrand, servicePrinciples, orgFactorsRole, planDeliver, serviceEnvironment].map((p) => ({
  element: p.element,
  title: p.title,
  synopsis: p.synopsis ?? '',
}));

export default packs;
