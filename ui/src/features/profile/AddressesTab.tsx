import { IconLock, IconPlus } from '@douyinfe/semi-icons';
import { Button, Empty, Tag, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { deleteAddress, setDefaultAddress } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { AddressDialog } from './AddressDialog';
import { ConfirmDelete } from './ConfirmDelete';
import { useAddresses } from './queries';

const { Text } = Typography;

/** 收货地址: the saved addresses (masked, no street), the default first. */
export function AddressesTab() {
  const { t } = useTranslation(['profile', 'common']);
  const addresses = useAddresses();
  // The dialog's address: `null` id for a new one; `undefined` when closed.
  const [editing, setEditing] = useState<string | null | undefined>(undefined);

  return (
    <div className="profile-tab" data-testid="addresses-tab">
      <div className="profile-privacy" data-testid="address-privacy">
        <IconLock size="small" />
        <Text type="tertiary" size="small">
          {t('addresses.privacy')}
        </Text>
      </div>
      <div className="profile-tab__bar">
        <Button
          theme="solid"
          icon={<IconPlus />}
          onClick={() => setEditing(null)}
          data-testid="address-add"
        >
          {t('addresses.add')}
        </Button>
      </div>
      <QueryView
        query={addresses}
        pending={<Loading className="profile-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('addresses.loadFailed')}
            description={errorText(t, error)}
            onRetry={retry}
          />
        )}
        isEmpty={(list) => list.length === 0}
        empty={
          <Empty
            className="profile-empty"
            title={t('addresses.empty')}
            description={t('addresses.emptyHint')}
            data-testid="addresses-empty"
          />
        }
      >
        {(list) => (
          <ul className="profile-list">
            {list.map((a) => (
              <AddressRow key={a.id} address={a} onEdit={() => setEditing(a.id)} />
            ))}
          </ul>
        )}
      </QueryView>
      {editing !== undefined && (
        <AddressDialog id={editing} onClose={() => setEditing(undefined)} />
      )}
    </div>
  );
}

/** One address as lists show it: never the street, the phone masked by core. */
function AddressRow({ address: a, onEdit }: { address: AddressView; onEdit: () => void }) {
  const { t } = useTranslation(['profile', 'common']);
  const notify = useNotify(['profile', 'common']);
  const failed = (error: unknown) =>
    notify.error((t) => t('failed', { text: errorText(t, error) }));
  const makeDefault = useMutation({
    mutationFn: () => setDefaultAddress(a.id),
    onSuccess: () => notify.success((t) => t('addresses.defaultSet')),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: () => deleteAddress(a.id),
    onSuccess: () => notify.success((t) => t('addresses.deleted')),
    onError: failed,
  });

  return (
    <li className="profile-row" data-testid="address-row" data-id={a.id}>
      <div className="profile-row__main">
        <div className="profile-row__title">
          {a.label !== '' && <Text strong>{a.label}</Text>}
          <span data-testid="address-contact">{a.contact_name}</span>
          <span className="profile-phone" data-testid="address-phone-masked">
            {a.phone_masked}
          </span>
          {a.is_default && (
            <Tag size="small" color="blue" data-testid="address-default-tag">
              {t('addresses.isDefault')}
            </Tag>
          )}
        </div>
        <Text type="secondary" size="small" data-testid="address-region-names">
          {[a.province, a.city, a.district].filter((n) => n !== '').join(' / ')}
        </Text>
      </div>
      <div className="profile-row__actions">
        {!a.is_default && (
          <Button
            size="small"
            theme="borderless"
            loading={makeDefault.isPending}
            onClick={() => makeDefault.mutate()}
            data-testid="address-set-default"
          >
            {t('addresses.setDefault')}
          </Button>
        )}
        <Button size="small" theme="borderless" onClick={onEdit} data-testid="address-edit">
          {t('edit')}
        </Button>
        <ConfirmDelete
          title={t('addresses.deleteTitle')}
          content={t('addresses.deleteBody')}
          testId="address-delete"
          loading={remove.isPending}
          onConfirm={() => remove.mutate()}
        />
      </div>
    </li>
  );
}
