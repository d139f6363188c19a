import { Button, SideSheet, Typography } from '@douyinfe/semi-ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressView, SnippetView, TaskDetail } from '../../bindings';
import { errorCodeText, errorText } from '../../shared/errors';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading } from '../../shared/QueryView';
import { useAddresses, useSnippets } from '../profile/queries';
import { ApplyWarnings } from './ApplyWarnings';
import { PITCH_FIELDS } from './applyForm';
import { refusalText } from './applyText';
import { PitchField } from './PitchField';
import { RewardPreview } from './RewardPreview';
import { ShippingField } from './ShippingField';
import { useApplyForm } from './useApplyForm';

const { Text } = Typography;

/**
 * 申请 a product-review task (R-REVIEW-12), as a side sheet over the task hall: the saved
 * addresses and snippets are loaded first (the form starts from them). Esc or 取消 closes
 * it; closing unmounts it, so each opening starts afresh.
 */
export function ApplySheet({ detail, onClose }: { detail: TaskDetail; onClose: () => void }) {
  const { t } = useTranslation(['apply', 'common']);
  const addresses = useAddresses();
  const snippets = useSnippets();

  let body: ReactNode;
  const failed = addresses.error ?? snippets.error;
  if (failed !== null) {
    body = (
      <LoadFailed
        size={100}
        title={t('loadFailed')}
        description={errorText(t, failed)}
        onRetry={() => {
          if (addresses.isError) void addresses.refetch();
          if (snippets.isError) void snippets.refetch();
        }}
      />
    );
  } else if (addresses.data !== undefined && snippets.data !== undefined) {
    body = (
      <ApplyForm
        detail={detail}
        addresses={addresses.data}
        snippets={snippets.data}
        onClose={onClose}
      />
    );
  } else {
    body = <Loading className="apply-center" />;
  }

  return (
    <SideSheet
      visible
      title={t('title', { title: detail.row.title })}
      onCancel={onClose}
      closeOnEsc
      width={560}
      className="apply-sheet"
    >
      <div className="apply-form" data-testid="apply-form">
        {body}
      </div>
    </SideSheet>
  );
}

function ApplyForm({
  detail,
  addresses,
  snippets,
  onClose,
}: {
  detail: TaskDetail;
  addresses: readonly AddressView[];
  snippets: readonly SnippetView[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['apply', 'common']);
  const notify = useNotify(['apply', 'common']);
  const form = useApplyForm(detail, addresses, snippets, (item) => {
    if (item.state === 'refused') {
      notify.error((t) => t('result.refused', { reason: refusalText(item, t) }));
    } else {
      notify.success((t) => t(`result.${item.state}`));
    }
    onClose();
  });

  // A refused send names its fields in the problems below; its message is core's, not
  // the creator's: the code in words only.
  const failure =
    form.sendFailure !== null
      ? t('applyFailed', { text: errorCodeText(t, form.sendFailure) })
      : form.checkFailure !== null
        ? t('checkFailed', { text: errorText(t, form.checkFailure) })
        : null;
  return (
    <>
      <Text type="tertiary" size="small">
        {t('intro')}
      </Text>
      <ShippingField
        addresses={addresses}
        value={form.values.addressId}
        onChange={form.pickAddress}
        problems={form.problems.shipping}
      />
      {PITCH_FIELDS.map((field) => (
        <PitchField
          key={field}
          field={field}
          value={form.values[field]}
          snippetId={form.values.snippetIds[field]}
          snippets={snippets}
          problem={form.problems[field]}
          onText={(text) => form.text(field, text)}
          onSnippet={(snippet) => form.pickSnippet(field, snippet)}
        />
      ))}
      <RewardPreview detail={detail} />
      <footer className="apply-footer" data-checked={form.checked}>
        <ApplyWarnings warnings={form.warnings} eligibility={detail.eligibility} />
        {failure !== null && (
          <Text type="danger" role="alert" data-testid="apply-error">
            {failure}
          </Text>
        )}
        <div className="apply-footer__buttons">
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            theme="solid"
            loading={form.busy}
            disabled={form.blocked}
            onClick={() => void form.submit()}
            data-testid="apply-submit"
          >
            {t('submit')}
          </Button>
        </div>
      </footer>
    </>
  );
}
