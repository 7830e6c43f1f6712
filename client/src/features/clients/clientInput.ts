import type { CreateApiClientInput, UpdateApiClientInput } from '../../gql/graphql';
import type { ApiClientFormValues } from './ClientForm';

/** The form's values as the API's create input; blank optional text is left out. */
export function createInputOf(values: ApiClientFormValues): CreateApiClientInput {
  return {
    name: values.name.trim(),
    identifier: values.identifier.trim() || null,
    description: values.description.trim() || null,
    scopes: values.scopes,
    contactEmails: values.contactEmails,
    allowedIpRanges: values.allowedIpRanges,
    accessTokenLifetimeSeconds: Number(values.accessTokenLifetimeSeconds),
    enabled: values.enabled,
  };
}

/** The form's values as the API's update input; every editable field is sent, an empty description clears it. */
export function updateInputOf(values: ApiClientFormValues): UpdateApiClientInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    scopes: values.scopes,
    contactEmails: values.contactEmails,
    allowedIpRanges: values.allowedIpRanges,
    accessTokenLifetimeSeconds: Number(values.accessTokenLifetimeSeconds),
    enabled: values.enabled,
  };
}
