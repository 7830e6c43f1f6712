import { graphql } from '../../gql';

// No query asks for a secret's value or a certificate's bundle and password: they exist only in the
// create and rotate payloads, once.

export const CredentialDetailsFragment = graphql(`
  fragment CredentialDetails on Credential {
    id
    apiClientId
    type
    description
    createdAt
    createdBy {
      type
      displayName
    }
    expiresAt
    lastUsedAt
    status
    enabled
    secretHint
    replacedById
    renewalOfId
    certificate {
      serialNumber
      thumbprintSha256
      subject
      notBefore
      notAfter
      keyAlgorithm
      fromCsr
    }
    privateKeyJwt {
      keyId
      thumbprintSha256
      jwksUri
    }
    federated {
      issuer
      audience
      subject
      claims {
        name
        value
      }
    }
  }
`);

export const ClientCredentialsQuery = graphql(`
  query ClientCredentials($id: ID!) {
    viewer {
      tenant {
        id
        maxCredentialsPerClient
        maxCredentialLifetimeDays
        credentialPolicy {
          kindLifetimes {
            kind
            effectiveMaxLifetimeDays
          }
        }
      }
    }
    apiClient(id: $id) {
      id
      clientId
      credentials {
        ...CredentialDetails
      }
    }
  }
`);

export const CreateClientSecretMutation = graphql(`
  mutation CreateClientSecret($clientId: ID!, $input: CreateClientSecretInput!) {
    createClientSecret(clientId: $clientId, input: $input) {
      credential {
        ...CredentialDetails
      }
      secret
    }
  }
`);

export const CreateCertificateMutation = graphql(`
  mutation CreateCertificate($clientId: ID!, $input: CreateCertificateInput!) {
    createCertificate(clientId: $clientId, input: $input) {
      credential {
        ...CredentialDetails
      }
      bundle {
        filename
        mediaType
        contentBase64
      }
      password
    }
  }
`);

// Nothing secret exists for a private key JWT credential: the client keeps its private key, Keyward holds the public one.
export const CreatePrivateKeyJwtCredentialMutation = graphql(`
  mutation CreatePrivateKeyJwtCredential($clientId: ID!, $input: CreatePrivateKeyJwtCredentialInput!) {
    createPrivateKeyJwtCredential(clientId: $clientId, input: $input) {
      ...CredentialDetails
    }
  }
`);

// Nor for a federated one: Keyward holds only the rule the workload's tokens must meet.
export const CreateFederatedCredentialMutation = graphql(`
  mutation CreateFederatedCredential($clientId: ID!, $input: CreateFederatedCredentialInput!) {
    createFederatedCredential(clientId: $clientId, input: $input) {
      ...CredentialDetails
    }
  }
`);

export const RenewCertificateMutation = graphql(`
  mutation RenewCertificate($id: ID!, $input: RenewCertificateInput) {
    renewCertificate(id: $id, input: $input) {
      credential {
        ...CredentialDetails
      }
      bundle {
        filename
        mediaType
        contentBase64
      }
      password
    }
  }
`);

export const RotateClientSecretMutation = graphql(`
  mutation RotateClientSecret($id: ID!, $input: RotateClientSecretInput!) {
    rotateClientSecret(id: $id, input: $input) {
      credential {
        ...CredentialDetails
      }
      previous {
        ...CredentialDetails
      }
      secret
    }
  }
`);

export const SetCredentialEnabledMutation = graphql(`
  mutation SetCredentialEnabled($id: ID!, $enabled: Boolean!) {
    setCredentialEnabled(id: $id, enabled: $enabled) {
      ...CredentialDetails
    }
  }
`);

export const DeleteCredentialMutation = graphql(`
  mutation DeleteCredential($id: ID!) {
    deleteCredential(id: $id)
  }
`);

// A list that was empty holds no Credential to match, and deleteCredential answers with an ID only:
// name the type so lists and counts refresh after every change.
export const credentialListContext = { additionalTypenames: ['Credential'] };
export const credentialChangeContext = { additionalTypenames: ['Credential'] };
