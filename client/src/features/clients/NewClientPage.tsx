import { useMutation } from 'urql';
import { describeError } from '../../components/errors';
import { Link } from '../../components/Link';
import { useCan, useViewer } from '../../components/PermissionGate';
import { navigate } from '../../router';
import { ClientForm, type ClientFormResult, NEW_CLIENT_VALUES } from './ClientForm';
import { createInputOf } from './clientInput';
import { CreateApiClientMutation } from './queries';

// The tenant's client count changes too.
const createContext = { additionalTypenames: ['ApiClient', 'Tenant'] };

export function NewClientPage() {
  const viewer = useViewer();
  const canCreate = useCan('CLIENT_CREATE');
  const [, createApiClient] = useMutation(CreateApiClientMutation);

  if (!canCreate) {
    return (
      <section>
        <h1>Add API client</h1>
        <p className="notice">You do not have permission to create API clients.</p>
      </section>
    );
  }

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/clients">API Clients</Link>
      </p>
      <h1>Add API client</h1>
      <ClientForm
        mode="create"
        tenantSlug={viewer.tenant.slug}
        initialValues={NEW_CLIENT_VALUES}
        onSubmit={async (values): Promise<ClientFormResult> => {
          const result = await createApiClient({ input: createInputOf(values) }, createContext);
          if (result.error || !result.data) {
            return { error: result.error ? describeError(result.error) : { message: 'The API client was not created. Try again.' } };
          }
          // Only its id is asked for: the rest of a client is for those who may read clients, on its page.
          const created = result.data.createApiClient;
          navigate(`/clients/${encodeURIComponent(created.id)}`);
          return { saved: values };
        }}
      />
    </section>
  );
}
