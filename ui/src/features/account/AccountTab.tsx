import { Banner, Button, Input, Radio, RadioGroup, Typography } from '@douyinfe/semi-ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, KeyStore } from '../../bindings';
import { statusKey } from '../../shared/appStatus';
import { errorCode } from '../../shared/errors';
import { settingsSetPlatform, settingsUseSandbox } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { putAnswer } from '../../shared/putAnswer';

/** Where the database key lives, in words; a new `KeyStore` fails `tsc` here. */
const KEY_STORE_LABEL = { keychain: 'keychain', key_file: 'keyFile' } as const satisfies Record<
  KeyStore,
  string
>;

const { Text } = Typography;

type SourceKind = AppStatus['source']['kind'];

/**
 * The settings' 账号 tab: where tasks come from (the built-in sandbox or a platform
 * account) and where data lives. `visible` is the sheet's: each opening starts from what is
 * configured now, and a saved change closes the sheet.
 */
export function AccountTab({
  visible,
  status,
  onClose,
}: {
  visible: boolean;
  status: AppStatus | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation(['account', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['account', 'common']);
  const urlId = useId();
  const tokenId = useId();
  const current = status?.source;
  const [kind, setKind] = useState<SourceKind>(current?.kind ?? 'sandbox');
  const [url, setUrl] = useState(current?.kind === 'platform' ? current.url : '');
  const [token, setToken] = useState('');
  const [missing, setMissing] = useState(false);

  // Each opening starts from what is configured now; the token is never shown back.
  useEffect(() => {
    if (!visible) return;
    setKind(current?.kind ?? 'sandbox');
    setUrl(current?.kind === 'platform' ? current.url : '');
    setToken('');
    setMissing(false);
  }, [visible, current?.kind, current?.url]);

  const save = useMutation({
    mutationFn: (): Promise<AppStatus> =>
      kind === 'sandbox'
        ? settingsUseSandbox()
        : settingsSetPlatform({ url: url.trim(), token: token.trim() }),
    onSuccess: (next) => {
      void putAnswer(client, statusKey, next);
      notify.success((t) => t('saved'));
      onClose();
    },
  });
  const { reset } = save;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new opening forgets old errors
  useEffect(() => {
    if (visible) reset();
  }, [visible]);

  const submit = () => {
    if (kind === 'platform' && (url.trim() === '' || token.trim() === '')) {
      setMissing(true);
      return;
    }
    setMissing(false);
    save.mutate();
  };

  const error = save.error;
  const code = error ? errorCode(error) : null;
  const errorText =
    code === null
      ? null
      : code === 'invalid_input'
        ? t('invalidInput')
        : t('failed', { text: t(`common:errors.${code}`), code });

  return (
    <div className="settings" data-testid="settings-modal">
      <div className="settings__label">{t('source')}</div>
      <RadioGroup
        type="card"
        direction="vertical"
        value={kind}
        onChange={(e) => setKind(e.target.value as SourceKind)}
        aria-label={t('source')}
      >
        <Radio value="sandbox" extra={t('sandboxHint')} data-testid="source-sandbox">
          {t('sandbox')}
        </Radio>
        <Radio value="platform" extra={t('tokenHint')} data-testid="source-platform">
          {t('platform')}
        </Radio>
      </RadioGroup>

      {kind === 'platform' && (
        <div className="settings__platform">
          <div className="settings__field">
            <label className="settings__label" htmlFor={urlId}>
              {t('url')}
            </label>
            <Input
              id={urlId}
              value={url}
              onChange={setUrl}
              placeholder={t('urlPlaceholder')}
              data-testid="platform-url"
              validateStatus={missing && url.trim() === '' ? 'error' : 'default'}
            />
          </div>
          <div className="settings__field">
            <label className="settings__label" htmlFor={tokenId}>
              {t('token')}
            </label>
            <Input
              id={tokenId}
              mode="password"
              value={token}
              onChange={setToken}
              placeholder={t('tokenPlaceholder')}
              autoComplete="off"
              data-testid="platform-token"
              validateStatus={missing && token.trim() === '' ? 'error' : 'default'}
            />
          </div>
          {current?.kind === 'platform' && (
            <Text type="tertiary" size="small">
              {t('tokenKeepHint', { url: current.url })}
            </Text>
          )}
        </div>
      )}

      {missing && (
        <Text type="danger" data-testid="settings-error">
          {t('required')}
        </Text>
      )}
      {errorText !== null && (
        <Text type="danger" data-testid="settings-error">
          {errorText}
        </Text>
      )}

      <div className="settings__actions">
        <Button onClick={onClose}>{t('common:cancel')}</Button>
        <Button theme="solid" loading={save.isPending} onClick={submit} data-testid="settings-save">
          {t('common:save')}
        </Button>
      </div>

      {status && (
        <div className="settings__storage">
          <div className="settings__label">{t('storage')}</div>
          <dl className="settings__facts">
            <dt>{t('dataDir')}</dt>
            <dd>
              <code data-testid="data-dir">{status.data_dir}</code>
            </dd>
            <dt>{t('keyStore')}</dt>
            <dd data-testid="key-store">{t(KEY_STORE_LABEL[status.key_store])}</dd>
          </dl>
          {status.key_store === 'key_file' && (
            <Banner
              type="warning"
              closeIcon={null}
              description={t('keyFileWarning')}
              data-testid="key-file-warning"
            />
          )}
        </div>
      )}
    </div>
  );
}
