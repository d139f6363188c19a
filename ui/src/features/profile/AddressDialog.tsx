import { Button, Form, Modal, Typography } from '@douyinfe/semi-ui';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressInput } from '../../bindings';
import { errorText } from '../../shared/errors';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading } from '../../shared/QueryView';
import { type AddressField, type AddressFormValues, formValuesOf } from './addressForm';
import { useAddress, useRegions } from './queries';
import type { RegionIndex } from './regionTree';
import { useAddressForm } from './useAddressForm';

const { Text } = Typography;

/**
 * 新增/编辑收货地址 (`id` null for a new one): the regions and, to edit, the address in full
 * are loaded first. Closing unmounts it, and the full address leaves the cache with it.
 */
export function AddressDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation(['profile', 'common']);
  const notify = useNotify(['profile', 'common']);
  const regions = useRegions();
  const stored = useAddress(id);
  const form = useAddressForm(id, () => {
    notify.success((t) => t('addresses.saved'));
    onClose();
  });

  const retry = (title: string, error: Error, refetch: () => unknown) => (
    <LoadFailed
      size={100}
      title={title}
      description={errorText(t, error)}
      onRetry={() => void refetch()}
    />
  );
  const ready = regions.data !== undefined && (id === null || stored.data !== undefined);
  let body: ReactNode;
  if (regions.isError) {
    body = retry(t('addressForm.regionsFailed'), regions.error, regions.refetch);
  } else if (stored.isError) {
    body = retry(t('addressForm.addressFailed'), stored.error, stored.refetch);
  } else if (ready) {
    body = <AddressFields stored={stored.data ?? null} index={regions.data} form={form} />;
  } else {
    body = <Loading className="profile-center" />;
  }

  const failure =
    form.saveError !== null
      ? t('addressForm.saveFailed', { text: errorText(t, form.saveError) })
      : form.checkError !== null
        ? t('addressForm.checkFailed', { text: errorText(t, form.checkError) })
        : null;
  return (
    <Modal
      visible
      title={t(id === null ? 'addressForm.titleNew' : 'addressForm.titleEdit')}
      onCancel={onClose}
      maskClosable={false}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            theme="solid"
            loading={form.busy}
            disabled={!ready}
            onClick={() => void form.submit()}
            data-testid="address-save"
          >
            {t('common:save')}
          </Button>
        </>
      }
    >
      {body}
      {failure !== null && (
        <Text type="danger" data-testid="address-error">
          {failure}
        </Text>
      )}
    </Modal>
  );
}

function AddressFields({
  stored,
  index,
  form,
}: {
  stored: AddressInput | null;
  index: RegionIndex;
  form: ReturnType<typeof useAddressForm>;
}) {
  const { t } = useTranslation(['profile', 'common']);
  // Semi names each control after its field; prefixed, the ids stay unique on the page.
  const prefix = useId();
  const [initial] = useState(() => formValuesOf(stored, index));
  const isDefault = stored?.make_default ?? false;
  const { leave } = form;

  /** A field's look and its error slot (`address-field-<field>`), in words from its code.
   * Always the same props: Semi's field memoises on their number. */
  const problemProps = (field: AddressField) => {
    const problem = form.shown[field];
    return {
      id: `${prefix}-${field}`,
      validateStatus: problem === undefined ? ('default' as const) : ('error' as const),
      helpText: problem && (
        <span
          className="profile-field-error"
          role="alert"
          data-testid={`address-field-${field}`}
          data-problem={problem.problem}
        >
          {t(`problems.${problem.problem}`, { min: problem.min ?? 0, max: problem.max ?? 0 })}
        </span>
      ),
    };
  };

  return (
    <Form<AddressFormValues>
      className="address-form"
      data-testid="address-form"
      initValues={initial}
      getFormApi={form.bind}
    >
      <Form.Input
        field="label"
        id={`${prefix}-label`}
        label={t('addressForm.label')}
        placeholder={t('addressForm.labelPlaceholder')}
        data-testid="address-label"
      />
      <Form.Input
        field="contact_name"
        label={t('fields.contact_name')}
        onBlur={() => leave('contact_name')}
        data-testid="address-contact-name"
        {...problemProps('contact_name')}
      />
      <Form.Input
        field="phone"
        label={t('fields.phone')}
        inputMode="tel"
        autoComplete="off"
        onBlur={() => leave('phone')}
        data-testid="address-phone"
        {...problemProps('phone')}
      />
      <Form.Cascader
        field="region"
        label={t('fields.region_code')}
        treeData={index.options}
        placeholder={t('addressForm.regionPlaceholder')}
        filterTreeNode
        style={{ width: '100%' }}
        onChange={(value) => leave('region_code', { region: value as string[] })}
        data-testid="address-region"
        {...problemProps('region_code')}
      />
      <Form.TextArea
        field="detail"
        label={t('fields.detail')}
        placeholder={t('addressForm.detailPlaceholder')}
        rows={2}
        onBlur={() => leave('detail')}
        data-testid="address-detail"
        {...problemProps('detail')}
      />
      <Form.Checkbox
        field="make_default"
        id={`${prefix}-make_default`}
        noLabel
        disabled={isDefault}
        extraText={isDefault ? t('addressForm.alwaysDefault') : undefined}
        data-testid="address-make-default"
      >
        {t('addressForm.makeDefault')}
      </Form.Checkbox>
    </Form>
  );
}
