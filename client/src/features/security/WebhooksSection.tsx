import { type FormEvent, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type ApiError, describeError } from '../../components/errors';
import { Field, fieldDescription } from '../../components/Field';
import { errorPlacement, useFocusOnError } from '../../components/formErrors';
import { TableHead } from '../../components/PagedTable';
import { SecretReveal } from '../../components/SecretReveal';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import type { WebhookEndpointsQuery as EndpointsResult } from '../../gql/graphql';
import { CheckboxGroup } from './CheckboxGroup';
import {
  CreateWebhookEndpointMutation,
  DeleteWebhookEndpointMutation,
  RedeliverWebhookMutation,
  SendTestWebhookMutation,
  UpdateWebhookEndpointMutation,
  WebhookDeliveriesQuery,
  WebhookEndpointsQuery,
  webhookChangeContext,
} from './webhookQueries';

type Endpoint = EndpointsResult['webhookEndpoints'][number];
type OpenDialog =
  | { kind: 'add' }
  | { kind: 'edit'; endpoint: Endpoint }
  | { kind: 'delete'; endpoint: Endpoint }
  | { kind: 'deliveries'; endpoint: Endpoint }
  | null;

const COLUMNS = ['URL', 'Events', 'Status', 'Created', 'Actions'];
const FIELD_CONTROL_IDS: Record<string, string> = { url: 'webhook-url', description: 'webhook-description', eventTypes: 'webhook-events' };

/** Security → Webhooks: the tenant's endpoints, their signing secrets (shown once), delivery logs, tests and redeliveries. */
export function WebhooksSection() {
  const headingId = useId();
  const [{ data, error, fetching }] = useQuery({ query: WebhookEndpointsQuery, context: webhookChangeContext });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [testResult, setTestResult] = useState<string | null>(null);
  const [, sendTest] = useMutation(SendTestWebhookMutation);
  const endpoints = data?.webhookEndpoints ?? [];
  const eventTypes = data?.webhookEventTypes ?? [];

  async function test(endpoint: Endpoint) {
    setTestResult(`Sending a test event to ${endpoint.url}…`);
    const result = await sendTest({ endpointId: endpoint.id }, webhookChangeContext);
    setTestResult(
      result.error
        ? describeError(result.error).message
        : `${result.data?.sendTestWebhook.ok ? 'Delivered' : 'Not delivered'}: ${result.data?.sendTestWebhook.message}`,
    );
  }

  return (
    <section className="page-section" id="webhooks" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Webhooks</h2>
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
          Add endpoint
        </button>
      </div>
      <p className="muted">
        Lifecycle events and the audit stream, signed per Standard Webhooks, delivered in order per endpoint and retried for about a day. An
        endpoint that fails for 24 hours is disabled and security administrators are emailed.
      </p>
      {error && <ErrorMessage error={error} />}
      {testResult && (
        <p className="notice" role="status">
          {testResult}
        </p>
      )}
      <TableScroll label="Webhook endpoints">
        <table className="table" aria-label="Webhook endpoints">
          <TableHead columns={COLUMNS} />
          <tbody>
            {!data && fetching && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  Loading…
                </td>
              </tr>
            )}
            {data && endpoints.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  There are no webhook endpoints yet.
                </td>
              </tr>
            )}
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td>
                  <span className="break-all">{endpoint.url}</span>
                  {endpoint.description && <div className="muted small">{endpoint.description}</div>}
                </td>
                <td>
                  <ul className="tag-list">
                    {endpoint.eventTypes.map((type) => (
                      <li key={type} className="tag">
                        {type}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <EndpointStatus endpoint={endpoint} />
                </td>
                <td>
                  <Time iso={endpoint.createdAt} className="nowrap" />
                </td>
                <td>
                  <span className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Deliveries of ${endpoint.url}`}
                      onClick={() => setDialog({ kind: 'deliveries', endpoint })}
                    >
                      Deliveries
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Send a test to ${endpoint.url}`}
                      onClick={() => test(endpoint)}
                    >
                      Send test
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Edit ${endpoint.url}`}
                      onClick={() => setDialog({ kind: 'edit', endpoint })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small button-danger-quiet"
                      aria-label={`Delete ${endpoint.url}`}
                      onClick={() => setDialog({ kind: 'delete', endpoint })}
                    >
                      Delete
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {dialog?.kind === 'add' && <EndpointDialog eventTypes={eventTypes} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <EndpointDialog eventTypes={eventTypes} endpoint={dialog.endpoint} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'deliveries' && <DeliveriesDialog endpoint={dialog.endpoint} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmMutationDialog
          mutation={DeleteWebhookEndpointMutation}
          variables={{ id: dialog.endpoint.id }}
          context={webhookChangeContext}
          title="Delete webhook endpoint"
          message={`Delete the endpoint ${dialog.endpoint.url}? Its delivery log goes with it, and events not delivered yet are dropped.`}
          confirmLabel="Delete"
          onDone={() => setDialog(null)}
          onCancel={() => setDialog(null)}
        />
      )}
    </section>
  );
}

function EndpointStatus({ endpoint }: { endpoint: Endpoint }) {
  if (!endpoint.enabled)
    return (
      <span title={endpoint.disabledReason ?? undefined}>Disabled{endpoint.disabledReason ? ` — ${endpoint.disabledReason}` : ''}</span>
    );
  if (endpoint.failingSince)
    return (
      <span>
        Failing since <Time iso={endpoint.failingSince} />
      </span>
    );
  return <span>Enabled</span>;
}

/** "Add endpoint" without `endpoint` (then the signing secret, once), "Edit" with it. */
function EndpointDialog({ endpoint, eventTypes, onClose }: { endpoint?: Endpoint; eventTypes: string[]; onClose: () => void }) {
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [selected, setSelected] = useState<string[]>(() => [...(endpoint?.eventTypes ?? ['audit.event'])]);
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();
  const [{ fetching: creating }, create] = useMutation(CreateWebhookEndpointMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateWebhookEndpointMutation);
  const fetching = creating || updating;
  useFocusOnError(error, FIELD_CONTROL_IDS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fetching) return;
    setError(undefined);
    const input = { url: url.trim(), description: description.trim() || null, eventTypes: selected, enabled };
    if (endpoint) {
      const result = await update({ id: endpoint.id, input }, webhookChangeContext);
      if (result.error) setError(describeError(result.error));
      else onClose();
      return;
    }
    const result = await create({ input }, webhookChangeContext);
    if (result.error) setError(describeError(result.error));
    else setSecret(result.data?.createWebhookEndpoint.signingSecret ?? null);
  }

  const { fieldError, topError } = errorPlacement(error, FIELD_CONTROL_IDS);
  if (secret)
    return (
      <Dialog open wide title="Webhook endpoint added" onCancel={onClose}>
        <p>
          Every delivery is signed with this secret. Give it to the receiving service: it verifies the webhook-signature header with it.
        </p>
        <SecretReveal value={secret} label="Signing secret" noun="secret" onContinue={onClose} />
      </Dialog>
    );
  return (
    <Dialog open wide title={endpoint ? 'Edit webhook endpoint' : 'Add webhook endpoint'} onCancel={() => !fetching && onClose()}>
      <form onSubmit={handleSubmit} noValidate aria-label={endpoint ? `Webhook endpoint ${endpoint.url}` : 'New webhook endpoint'}>
        <ErrorMessage message={topError} />
        <Field
          id="webhook-url"
          label="URL"
          help="https, e.g. https://hooks.example.com/keyward. Keyward POSTs JSON to it."
          error={fieldError('url')}
        >
          <input
            id="webhook-url"
            type="url"
            required
            maxLength={2000}
            value={url}
            aria-invalid={fieldError('url') ? true : undefined}
            aria-describedby={fieldDescription('webhook-url', true, fieldError('url'))}
            onChange={(event) => setUrl(event.target.value)}
          />
        </Field>
        <Field id="webhook-description" label="Description" help="Optional, at most 500 characters." error={fieldError('description')}>
          <input
            id="webhook-description"
            type="text"
            maxLength={500}
            value={description}
            aria-invalid={fieldError('description') ? true : undefined}
            aria-describedby={fieldDescription('webhook-description', true, fieldError('description'))}
            onChange={(event) => setDescription(event.target.value)}
          />
        </Field>
        <CheckboxGroup
          id="webhook-events"
          legend="Events"
          options={eventTypes.map((type) => ({ value: type, label: type }))}
          selected={selected}
          onChange={setSelected}
          error={fieldError('eventTypes')}
        />
        {endpoint && (
          <label className="checkbox">
            <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} /> Enabled
          </label>
        )}
        <FormDialogActions submitLabel={endpoint ? 'Save changes' : 'Add endpoint'} busy={fetching} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** The endpoint's delivery log, newest first: each delivery's attempts, and Redeliver. */
function DeliveriesDialog({ endpoint, onClose }: { endpoint: Endpoint; onClose: () => void }) {
  const [{ data, error, fetching }] = useQuery({
    query: WebhookDeliveriesQuery,
    variables: { endpointId: endpoint.id },
    context: webhookChangeContext,
    requestPolicy: 'cache-and-network',
  });
  const [, redeliver] = useMutation(RedeliverWebhookMutation);
  const [result, setResult] = useState<string | null>(null);
  const deliveries = data?.webhookDeliveries.edges.map((edge) => edge.node) ?? [];

  async function again(id: string) {
    const answer = await redeliver({ deliveryId: id }, webhookChangeContext);
    setResult(answer.error ? describeError(answer.error).message : (answer.data?.redeliverWebhook.message ?? null));
  }

  return (
    <Dialog open wide title={`Deliveries to ${endpoint.url}`} onCancel={onClose}>
      {error && <ErrorMessage error={error} />}
      {result && (
        <p className="notice" role="status">
          {result}
        </p>
      )}
      {!data && fetching && <p className="muted">Loading…</p>}
      {data && deliveries.length === 0 && <p className="muted">Nothing has been sent to this endpoint yet.</p>}
      {data && deliveries.length > 0 && (
        <TableScroll label="Deliveries">
          <table className="table" aria-label="Deliveries">
            <TableHead columns={['Event', 'Status', 'Attempts', 'Created', 'Actions']} />
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    {delivery.eventType}
                    <div className="muted small">{delivery.messageId}</div>
                  </td>
                  <td>
                    {delivery.status}
                    {delivery.lastError && <div className="muted small">{delivery.lastError}</div>}
                    {delivery.nextAttemptAt && (
                      <div className="muted small">
                        Next try <Time iso={delivery.nextAttemptAt} />
                      </div>
                    )}
                  </td>
                  <td>
                    <ol className="plain-list small">
                      {delivery.attempts.map((attempt) => (
                        <li key={attempt.attemptNo}>
                          #{attempt.attemptNo} {attempt.trigger}, <Time iso={attempt.at} />:{' '}
                          {attempt.statusCode ? `HTTP ${attempt.statusCode}` : 'no answer'}
                          {attempt.latencyMs !== null && attempt.latencyMs !== undefined ? ` in ${attempt.latencyMs} ms` : ''}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    <Time iso={delivery.createdAt} className="nowrap" />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Redeliver ${delivery.eventType} ${delivery.messageId}`}
                      onClick={() => again(delivery.id)}
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
