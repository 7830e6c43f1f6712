import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Credential } from './credential.entity.js';

@InputType()
export class CreateClientSecretInput {
  @Field(() => String, { nullable: true, description: 'At most 200 characters, e.g. where the secret is used.' })
  description?: string | null;

  @Field(() => Date, {
    description: 'When the secret stops working: in the future, at most 365 days ahead (or the tenant’s lower maximum).',
  })
  expiresAt!: Date;
}

@InputType()
export class RotateClientSecretInput {
  @Field(() => String, { nullable: true, description: 'For the new secret; defaults to the old secret’s description.' })
  description?: string | null;

  @Field(() => Date, { description: 'When the new secret stops working.' })
  expiresAt!: Date;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 168,
    description: 'How long the old secret keeps working, in hours: 0–168 (7 days, the default). It never lasts past its own expiry.',
  })
  gracePeriodHours?: number | null;
}

@ObjectType()
export class CreateClientSecretPayload {
  @Field(() => Credential)
  credential!: Credential;

  @Field(() => String, { description: 'The secret itself. Shown only in this response: Keyward stores only a keyed hash.' })
  secret!: string;
}

@ObjectType()
export class RotateClientSecretPayload extends CreateClientSecretPayload {
  @Field(() => Credential, { description: 'The rotated secret, now expiring at the end of the grace period.' })
  previous!: Credential;
}

export enum CertificateKeyAlgorithm {
  RSA_2048 = 'RSA_2048',
  EC_P256 = 'EC_P256',
}
registerEnumType(CertificateKeyAlgorithm, {
  name: 'CertificateKeyAlgorithm',
  description: 'The key Keyward generates for a certificate without a CSR.',
});

@InputType()
export class CreateCertificateInput {
  @Field(() => String, { nullable: true, description: 'At most 200 characters.' })
  description?: string | null;

  @Field(() => Date, { description: 'The certificate’s notAfter: in the future, at most 365 days ahead (whole seconds).' })
  expiresAt!: Date;

  @Field(() => CertificateKeyAlgorithm, {
    nullable: true,
    defaultValue: CertificateKeyAlgorithm.RSA_2048,
    description: 'Ignored when a CSR is given.',
  })
  keyAlgorithm?: CertificateKeyAlgorithm | null;

  @Field(() => String, {
    nullable: true,
    description: 'A PEM PKCS#10 request (RSA ≥ 2048, EC P-256/P-384). Leave empty to have Keyward generate the key pair.',
  })
  csr?: string | null;
}

@InputType()
export class RenewCertificateInput {
  @Field(() => Date, {
    nullable: true,
    description:
      'The new certificate’s notAfter: in the future, at most 365 days ahead (whole seconds). Defaults to the renewed certificate’s own lifetime from now.',
  })
  expiresAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A PEM PKCS#10 request; required when the renewed certificate came from a CSR (Keyward never had its key). Otherwise a new key of the same algorithm is generated.',
  })
  csr?: string | null;
}

@ObjectType({ description: 'A file to save, returned once.' })
export class CertificateBundleFile {
  @Field(() => String)
  filename!: string;

  @Field(() => String)
  mediaType!: string;

  @Field(() => String)
  contentBase64!: string;
}

@ObjectType()
export class CreateCertificatePayload {
  @Field(() => Credential)
  credential!: Credential;

  @Field(() => CertificateBundleFile, {
    description:
      'A zip: <clientId>.pfx, <clientId>.jks (generated key only), <clientId>.crt, ca.cert.pem, intermediate.cert.pem, ca-chain.cert.pem.',
  })
  bundle!: CertificateBundleFile;

  @Field(() => String, { nullable: true, description: 'The PFX/JKS password, shown only here; null for a CSR.' })
  password!: string | null;
}

@ObjectType({ description: 'What Keyward keeps of an issued certificate.' })
export class CertificateDetails {
  @Field(() => String, { description: 'Hex.' })
  serialNumber!: string;

  @Field(() => String, { description: 'SHA-256 of the DER certificate, hex.' })
  thumbprintSha256!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => Date)
  notBefore!: Date;

  @Field(() => Date)
  notAfter!: Date;

  @Field(() => String, { description: 'RSA_2048, EC_P256, … of the certified key.' })
  keyAlgorithm!: string;

  @Field(() => Boolean)
  fromCsr!: boolean;
}

@InputType()
export class CreatePrivateKeyJwtCredentialInput {
  @Field(() => String, { nullable: true, description: 'At most 200 characters, e.g. which integration signs with the key.' })
  description?: string | null;

  @Field(() => Date, {
    description: 'When the credential stops working: in the future, at most 365 days ahead (or the tenant’s lower maximum).',
  })
  expiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'The public key the client signs its assertions with: a JWK (JSON) or a PEM public key; RSA (2048 bits or more), EC P-256 or Ed25519. Give this or jwksUri.',
  })
  publicKey?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An https URL of the client’s JWK set, fetched now and cached (fetched again for a key ID it lacks). Give this or publicKey.',
  })
  jwksUri?: string | null;
}

@ObjectType({ description: 'What Keyward keeps of a private key JWT credential: a public key, or where to fetch them.' })
export class PrivateKeyJwtDetails {
  @Field(() => String, { nullable: true, description: 'The uploaded key’s kid (its thumbprint when it had none); null for a jwksUri.' })
  keyId!: string | null;

  @Field(() => String, { nullable: true, description: 'RFC 7638 SHA-256 thumbprint of the uploaded key, base64url; null for a jwksUri.' })
  thumbprintSha256!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the client’s public keys are fetched from; null for an uploaded key.' })
  jwksUri!: string | null;
}

@InputType({ description: 'A claim the external token must carry, with its value exact or a glob.' })
export class FederatedClaimConditionInput {
  @Field(() => String, {
    description: 'The claim’s name, e.g. repository or job_workflow_ref; a dotted path reaches into objects (kubernetes.io.namespace).',
  })
  name!: string;

  @Field(() => String, { description: 'Exact, or a glob: * stands for any run of characters, ? for one; everything else for itself.' })
  value!: string;
}

@InputType()
export class CreateFederatedCredentialInput {
  @Field(() => String, { nullable: true, description: 'At most 200 characters, e.g. which workflow or workload uses it.' })
  description?: string | null;

  @Field(() => Date, {
    description: 'When the credential stops working: in the future, at most 365 days ahead (or the tenant’s lower maximum).',
  })
  expiresAt!: Date;

  @Field(() => String, {
    description:
      'The external issuer exactly as its tokens name it in iss, e.g. https://token.actions.githubusercontent.com; its /.well-known/openid-configuration is read now.',
  })
  issuer!: string;

  @Field(() => String, { description: 'The audience the tokens must carry in aud, as the workload requests it from its issuer.' })
  audience!: string;

  @Field(() => String, {
    description:
      'The sub the tokens must carry: exact, or a glob such as repo:acme/*:ref:refs/heads/main (* any run of characters, ? one).',
  })
  subject!: string;

  @Field(() => [FederatedClaimConditionInput], { nullable: true, description: 'Further claims the tokens must carry; at most 10.' })
  claims?: FederatedClaimConditionInput[] | null;
}

@ObjectType({ description: 'A claim a federated credential’s tokens must carry.' })
export class FederatedClaimCondition {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Exact, or a glob (* any run of characters, ? one).' })
  value!: string;
}

@ObjectType({ description: 'The rule a federated credential’s external tokens must meet.' })
export class FederatedCredentialDetails {
  @Field(() => String)
  issuer!: string;

  @Field(() => String)
  audience!: string;

  @Field(() => String, { description: 'Exact, or a glob (* any run of characters, ? one).' })
  subject!: string;

  @Field(() => [FederatedClaimCondition])
  claims!: FederatedClaimCondition[];
}
