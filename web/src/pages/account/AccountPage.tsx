import { Stack } from '@mantine/core';
import { useMe } from '../../api/me';
import { PageHeader } from '../../components/common/PageHeader';
import { ConsoleShell } from '../../layout/ConsoleShell';
import { PasswordCard } from './PasswordCard';
import { SessionsCard } from './SessionsCard';
import { TokensCard } from './TokensCard';

/** `/account`: what belongs to you rather than to a workspace. */
export function AccountPage() {
  const { data: me } = useMe();
  return (
    <ConsoleShell workspace={null} tenantId={null}>
      <PageHeader title="Your account" documentTitle={['Your account']} description={me ? `${me.user.name ?? ''} · ${me.user.email ?? ''}` : undefined} />
      <Stack gap="lg">
        <TokensCard />
        <PasswordCard />
        <SessionsCard />
      </Stack>
    </ConsoleShell>
  );
}
