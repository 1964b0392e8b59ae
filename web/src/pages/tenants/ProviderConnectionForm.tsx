import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { isApiError } from '../../api/client';
import { fieldErrorsOf, saveProviderConnectionBody } from '../../api/input-schemas';
import { useSaveProviderConnection } from '../../api/provider-connection';
import type { ProviderConnection, ProviderConnectionInput } from '../../api/types';

type Field = keyof ProviderConnectionInput;
const FIELDS: readonly string[] = ['client_id', 'client_secret', 'entra_tenant_id'] satisfies Field[];

interface ProviderConnectionFormProps {
  tenantId: string;
  connection: ProviderConnection | null;
  defaultEntraTenantId: string | null;
  onDone: () => void;
}

/**
 * The client secret is write-only: the field always starts empty and nothing the server returns ever
 * fills it. Saving always sends a secret, because the API stores the pair together.
 */
export function ProviderConnectionForm({ tenantId, connection, defaultEntraTenantId, onDone }: ProviderConnectionFormProps) {
  const [clientId, setClientId] = useState(connection?.client_id ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [entraTenantId, setEntraTenantId] = useState(connection?.entra_tenant_id ?? defaultEntraTenantId ?? '');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveProviderConnection(tenantId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFieldErrors({});
    setFormError(null);
    const input: ProviderConnectionInput = { client_id: clientId.trim(), client_secret: clientSecret };
    if (entraTenantId.trim()) input.entra_tenant_id = entraTenantId.trim();
    // The server's own schema, in the browser: every field's problem at once, before anything is sent.
    const local = fieldErrorsOf(saveProviderConnectionBody, input);
    if (Object.keys(local).length > 0) return setFieldErrors(local as Partial<Record<Field, string>>);
    try {
      await save.mutateAsync(input);
      setClientSecret('');
      notifications.show({ color: 'green', title: 'Provider connection saved', message: 'The secret is stored encrypted.' });
      onDone();
    } catch (error) {
      // The server's refusal of one field (400, or any answer naming a field) shows right under that field.
      if (isApiError(error) && error.field && FIELDS.includes(error.field)) setFieldErrors({ [error.field as Field]: error.message });
      else setFormError(error instanceof Error ? error.message : 'The connection could not be saved.');
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="provider-connection-form">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Application (client) ID"
          name="client_id"
          required
          value={clientId}
          error={fieldErrors.client_id}
          onChange={(event) => setClientId(event.currentTarget.value)}
        />
        <PasswordInput
          label="Client secret"
          name="client_secret"
          required
          autoComplete="new-password"
          description={connection?.has_secret ? 'A secret is stored. Enter it again, or a new one, to save.' : undefined}
          value={clientSecret}
          error={fieldErrors.client_secret}
          onChange={(event) => setClientSecret(event.currentTarget.value)}
        />
        <TextInput
          label="Entra tenant ID"
          name="entra_tenant_id"
          description="Optional; defaults to the tenant's Entra tenant ID."
          value={entraTenantId}
          error={fieldErrors.entra_tenant_id}
          onChange={(event) => setEntraTenantId(event.currentTarget.value)}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          {/* Always enabled: submitting an incomplete form is how its problems are shown, all at once, in words. */}
          <Button type="submit" loading={save.isPending}>
            Save connection
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
