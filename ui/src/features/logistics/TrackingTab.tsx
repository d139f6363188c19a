import { Button, Input, Popconfirm, Tag, Typography } from '@douyinfe/semi-ui';
import type { ButtonProps } from '@douyinfe/semi-ui/lib/es/button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingSettings } from '../../bindings';
import { errorCode, errorCodeText } from '../../shared/errors';
import { clearTrackingAccount, setTrackingAccount } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { logisticsKeys, useTrackingSettings } from './queries';
import { ThresholdsForm } from './ThresholdsForm';

const { Text } = Typography;

type TrackingStatus = 'configured' | 'sandbox' | 'none';

function statusOf(s: TrackingSettings): TrackingStatus {
  return s.configured ? 'configured' : s.using_sandbox ? 'sandbox' : 'none';
}

const STATUS_COLOR = { configured: 'green', sandbox: 'blue', none: 'orange' } as const;

/** Settings' 物流跟踪: the kuaidi100 account (its key to the keychain, never shown again)
 * and when a wait becomes an alert. */
export function TrackingTab() {
  const { t } = useTranslation(['logistics', 'common']);
  const settings = useTrackingSettings();
  return (
    <div className="profile-tab lgx-settings" data-testid="tracking-tab">
      <Text>{t('settings.intro')}</Text>
      <QueryView
        query={settings}
        pending={<Loading className="profile-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('settings.loadFailed', { text: errorCodeText(t, error) })}
            onRetry={retry}
          />
        )}
      >
        {/* What is saved changed (core's event): start again from it. */}
        {(s) => <AccountForm key={`${s.configured}-${s.customer}-${s.url}`} settings={s} />}
      </QueryView>
      <ThresholdsForm />
    </div>
  );
}

function AccountForm({ settings }: { settings: TrackingSettings }) {
  const { t } = useTranslation(['logistics', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['logistics', 'common']);
  const ids = { customer: useId(), key: useId(), url: useId() };
  const [customer, setCustomer] = useState(settings.customer ?? '');
  const [key, setKey] = useState('');
  const [url, setUrl] = useState(settings.url ?? '');
  const [missing, setMissing] = useState(false);
  const saved = (next: TrackingSettings, done: 'settings.saved' | 'settings.cleared') => {
    client.setQueryData(logisticsKeys.tracking, next);
    notify.success((t) => t(done));
  };
  const save = useMutation({
    mutationFn: () =>
      setTrackingAccount({
        customer: customer.trim(),
        key: key.trim(),
        url: url.trim() === '' ? null : url.trim(),
      }),
    onSuccess: (next) => saved(next, 'settings.saved'),
  });
  const clear = useMutation({
    mutationFn: clearTrackingAccount,
    onSuccess: (next) => saved(next, 'settings.cleared'),
    onError: (error) => notify.error((t) => t('failed', { text: errorCodeText(t, error) })),
  });
  const submit = () => {
    const empty = customer.trim() === '' || key.trim() === '';
    setMissing(empty);
    if (!empty) save.mutate();
  };
  const status = statusOf(settings);
  const problem = missing
    ? t('settings.required')
    : !save.isError
      ? null
      : errorCode(save.error) === 'invalid_input'
        ? t('settings.invalidInput')
        : t('failed', { text: errorCodeText(t, save.error) });
  const clearOk: ButtonProps = { type: 'danger', ...{ 'data-testid': 'tracking-clear-ok' } };

  return (
    <div className="lgx-settings__account">
      <div>
        <Tag
          size="large"
          color={STATUS_COLOR[status]}
          data-testid="tracking-status"
          data-status={status}
        >
          {t(`settings.status.${status}`, { customer: settings.customer ?? '' })}
        </Tag>
      </div>
      <div className="settings__field">
        <label className="settings__label" htmlFor={ids.customer}>
          {t('settings.customer')}
        </label>
        <Input
          id={ids.customer}
          value={customer}
          onChange={setCustomer}
          placeholder={t('settings.customerPlaceholder')}
          autoComplete="off"
          validateStatus={missing && customer.trim() === '' ? 'error' : 'default'}
          data-testid="tracking-customer"
        />
      </div>
      <div className="settings__field">
        <label className="settings__label" htmlFor={ids.key}>
          {t('settings.key')}
        </label>
        <Input
          id={ids.key}
          mode="password"
          value={key}
          onChange={setKey}
          placeholder={t('settings.keyPlaceholder')}
          autoComplete="off"
          validateStatus={missing && key.trim() === '' ? 'error' : 'default'}
          data-testid="tracking-key"
        />
        <Text type="tertiary" size="small">
          {t('settings.keyHint')}
        </Text>
      </div>
      <div className="settings__field">
        <label className="settings__label" htmlFor={ids.url}>
          {t('settings.url')}
        </label>
        <Input
          id={ids.url}
          value={url}
          onChange={setUrl}
          placeholder={t('settings.urlPlaceholder')}
          data-testid="tracking-url"
        />
      </div>
      {problem !== null && (
        <Text type="danger" data-testid="tracking-error">
          {problem}
        </Text>
      )}
      <div className="lgx-settings__actions">
        {settings.configured && (
          <Popconfirm
            title={t('settings.clearTitle')}
            content={<div className="lgx-confirm">{t('settings.clearBody')}</div>}
            okText={t('settings.clear')}
            cancelText={t('common:cancel')}
            okType="danger"
            okButtonProps={clearOk}
            onConfirm={() => clear.mutate()}
          >
            <span>
              <Button type="danger" loading={clear.isPending} data-testid="tracking-clear">
                {t('settings.clear')}
              </Button>
            </span>
          </Popconfirm>
        )}
        <Button theme="solid" loading={save.isPending} onClick={submit} data-testid="tracking-save">
          {t('settings.save')}
        </Button>
      </div>
    </div>
  );
}
