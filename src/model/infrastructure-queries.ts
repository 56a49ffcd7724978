import type { SourcePointer } from '../core/source.js';
import type { Cluster, ManagedService, ServiceCategory } from './infrastructure.js';
import type { Setting } from './infrastructure-settings.js';
import type { SystemModel } from './types.js';

/** Reads over the Terraform part of the model, shared by the rules that judge it. */

/** Managed services of the given categories. */
export function servicesOf(model: SystemModel, ...categories: readonly ServiceCategory[]): readonly ManagedService[] {
  return model.managedServices.filter((service) => categories.includes(service.category));
}

/** The outcome of a setting for a rule: its value, or why it cannot be known. */
export type Decision<T> =
  | { readonly known: true; readonly value: T | undefined; readonly at: SourcePointer }
  | { readonly known: false; readonly reason: string; readonly at: SourcePointer };

/** Decides on a setting of a node: unresolved settings give the reason, in words. */
export function decide<T>(node: ManagedService | Cluster, attribute: string, setting: Setting<T>): Decision<T> {
  if (setting.state === 'unresolved') {
    return {
      known: false,
      reason: `${node.address}: ${attribute} = ${setting.expression}: ${setting.reason}.`,
      at: setting.source,
    };
  }
  return { known: true, value: setting.value, at: setting.source };
}

/** Whether the value comes from the provider's default rather than the files. */
export function isDefault(setting: Setting<unknown>): boolean {
  return setting.state === 'default';
}
