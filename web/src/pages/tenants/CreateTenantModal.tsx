import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { createTenantBody, fieldErrorsOf } from '../../api/input-schemas';
import { useCreateTenant } from '../../api/tenants';
import type { NewTenant, Workspace } from '../../api/types';
import { paths } from '../../paths';

type Field = keyof NewTenant;
const FIELDS: Field[] = ['name', 'domain', 'entra_tenant_id'];
const EMPTY: Record<Field, string> = { name: '', domain: '', entra_tenant_id: '' };

interface CreateTenantModalProps {
  workspace: Workspace;
  opened: boolean;
  onClose: () => void;
}

export function CreateTenantModal({ workspace, opened, onClose }: CreateTenantModalProps) {
  const [values, setValues] = useState(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const createTenant = useCreateTenant(workspace.id);
  const navigate = useNavigate();

  const close = () => {
    setValues(EMPTY);
    setFieldErrors({});
    setFormError(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFieldErrors({});
    setFormError(null);
    // Empty optional fields are left out rather than sent as "".
    const input: NewTenant = { name: values.name.trim() };
    if (values.domain.trim()) input.domain = values.domain.trim();
    if (values.entra_tenant_id.trim()) input.entra_tenant_id = values.entra_tenant_id.trim();
    // The server's own schema, in the browser: every field's problem at once, before anything is sent.
    const local = fieldErrorsOf(createTenantBody, input);
    if (Object.keys(local).length > 0) return setFieldErrors(local as Partial<Record<Field, string>>);

    try {
      const tenant = await createTenant.mutateAsync(input);
      notifications.show({ color: 'green', title: 'Tenant created', message: `${tenant.name} was added as a draft.` });
      close();
      await navigate(paths.tenant(workspace, String(tenant.id)));
    } catch (error) {
      // A 400 or 409 (e.g. an Entra tenant ID already registered) naming a field shows right under it.
      if (isApiError(error) && error.field && (FIELDS as string[]).includes(error.field)) {
        setFieldErrors({ [error.field as Field]: error.message });
      } else {
        setFormError(error instanceof Error ? error.message : 'The tenant could not be created.');
      }
    }
  };

  const fieldProps = (field: Field) => ({
    value: values[field],
    error: fieldErrors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [field]: value }));
    },
  });

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>Create tenant</Text>} size="md" centered>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="create-tenant-form">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            The tenant starts as a draft. Onboarding then connects it, step by step, on the tenant's page.
          </Text>
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
              {formError}
            </Alert>
          )}
          <TextInput label="Name" name="name" required data-autofocus placeholder="e.g. Contoso Ltd" {...fieldProps('name')} />
          <TextInput label="Primary domain" name="domain" placeholder="e.g. contoso.onmicrosoft.com" {...fieldProps('domain')} />
          <TextInput
            label="Entra tenant ID"
            name="entra_tenant_id"
            placeholder="00000000-0000-0000-0000-000000000000"
            description="Optional; can be added later."
            {...fieldProps('entra_tenant_id')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createTenant.isPending}>
              Create tenant
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
