import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { ConfirmMutationDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TableHead } from '../../components/PagedTable';
import { TableScroll } from '../../components/TableScroll';
import type { ApiResourceDetailsFragment } from '../../gql/graphql';
import { ApiResourceDialog } from './ApiResourceDialog';
import { catalogChangeContext, catalogListContext, DeleteApiResourceMutation, DeleteScopeMutation, ScopeCatalogQuery } from './queries';
import { ScopeDialog } from './ScopeDialog';

type Scope = ApiResourceDetailsFragment['scopes'][number];

type OpenDialog =
  | { kind: 'add-api' }
  | { kind: 'edit-api'; api: ApiResourceDetailsFragment }
  | { kind: 'delete-api'; api: ApiResourceDetailsFragment }
  | { kind: 'add-scope'; api: ApiResourceDetailsFragment }
  | { kind: 'edit-scope'; scope: Scope }
  | { kind: 'delete-scope'; scope: Scope }
  | null;

/** The tenant's APIs and the scopes API clients can be granted on them. */
export function ScopeCatalogSection() {
  const headingId = useId();
  const [{ data, error, fetching }] = useQuery({ query: ScopeCatalogQuery, context: catalogListContext });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);

  return (
    <section className="page-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Scope catalog</h2>
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add-api' })}>
          Add API
        </button>
      </div>
      <p className="muted">
        The APIs of this tenant and their scopes. An access token for a scope carries its API's audience. A scope's name never changes; an
        API or scope that an API client holds cannot be deleted.
      </p>
      {!data && (error ? <ErrorMessage error={error} /> : fetching && <p className="muted">Loading…</p>)}
      {data?.apiResources.length === 0 && <p className="muted">The catalog is empty.</p>}
      {data?.apiResources.map((api) => (
        <ApiResourceCard key={api.id} api={api} onOpen={setDialog} />
      ))}
      {dialog?.kind === 'add-api' && <ApiResourceDialog onClose={close} />}
      {dialog?.kind === 'edit-api' && <ApiResourceDialog api={dialog.api} onClose={close} />}
      {dialog?.kind === 'delete-api' && <DeleteApiResourceDialog api={dialog.api} onClose={close} />}
      {dialog?.kind === 'add-scope' && <ScopeDialog api={dialog.api} onClose={close} />}
      {dialog?.kind === 'edit-scope' && <ScopeDialog scope={dialog.scope} onClose={close} />}
      {dialog?.kind === 'delete-scope' && <DeleteScopeDialog scope={dialog.scope} onClose={close} />}
    </section>
  );
}

function ApiResourceCard({ api, onOpen }: { api: ApiResourceDetailsFragment; onOpen: (dialog: OpenDialog) => void }) {
  const headingId = useId();
  const editable = !api.builtIn;
  const columns = editable ? ['Scope', 'Description', 'Actions'] : ['Scope', 'Description'];
  return (
    <article className="catalog-api" aria-labelledby={headingId}>
      <div className="section-header">
        <h3 id={headingId}>
          {api.name} {api.builtIn && <span className="badge badge-neutral">Built-in</span>}
        </h3>
        {editable && (
          <span className="row-actions">
            <button
              type="button"
              className="button button-small"
              aria-label={`Edit API ${api.name}`}
              onClick={() => onOpen({ kind: 'edit-api', api })}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              aria-label={`Delete API ${api.name}`}
              onClick={() => onOpen({ kind: 'delete-api', api })}
            >
              Delete
            </button>
          </span>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>Audience</dt>
          <dd>
            <code>{api.audience}</code>
          </dd>
        </div>
        {api.description && (
          <div>
            <dt>Description</dt>
            <dd>{api.description}</dd>
          </div>
        )}
      </dl>
      {api.builtIn && (
        <p className="muted small">Read-only: its scopes grant Keyward's own permissions to automation, so they cannot change.</p>
      )}
      <TableScroll label={`Scopes of ${api.name}`}>
        <table className="table" aria-label={`Scopes of ${api.name}`}>
          <TableHead columns={columns} />
          <tbody>
            {api.scopes.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="muted">
                  This API has no scopes yet.
                </td>
              </tr>
            )}
            {api.scopes.map((scope) => (
              <tr key={scope.id}>
                <td>
                  <code>{scope.name}</code>
                </td>
                <td>{scope.description ?? <span className="muted">—</span>}</td>
                {editable && (
                  <td>
                    <span className="row-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Edit scope ${scope.name}`}
                        onClick={() => onOpen({ kind: 'edit-scope', scope })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger-quiet"
                        aria-label={`Delete scope ${scope.name}`}
                        onClick={() => onOpen({ kind: 'delete-scope', scope })}
                      >
                        Delete
                      </button>
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {editable && (
        <button
          type="button"
          className="button button-small"
          aria-label={`Add scope to ${api.name}`}
          onClick={() => onOpen({ kind: 'add-scope', api })}
        >
          Add scope
        </button>
      )}
    </article>
  );
}

function DeleteApiResourceDialog({ api, onClose }: { api: ApiResourceDetailsFragment; onClose: () => void }) {
  return (
    <ConfirmMutationDialog
      mutation={DeleteApiResourceMutation}
      variables={{ id: api.id }}
      context={catalogChangeContext}
      title="Delete API"
      message={
        api.scopes.length === 0
          ? `Delete the API “${api.name}”? It has no scopes.`
          : `Delete the API “${api.name}” and its ${api.scopes.length === 1 ? 'scope' : `${api.scopes.length} scopes`}? This is refused while an API client holds any of them.`
      }
      confirmLabel="Delete"
      onDone={onClose}
      onCancel={onClose}
    />
  );
}

function DeleteScopeDialog({ scope, onClose }: { scope: Scope; onClose: () => void }) {
  return (
    <ConfirmMutationDialog
      mutation={DeleteScopeMutation}
      variables={{ id: scope.id }}
      context={catalogChangeContext}
      title="Delete scope"
      message={`Delete the scope “${scope.name}”? This is refused while an API client holds it.`}
      confirmLabel="Delete"
      onDone={onClose}
      onCancel={onClose}
    />
  );
}
