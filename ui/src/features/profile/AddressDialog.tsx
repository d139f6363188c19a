import { Button, Form, Modal, Typography } from '@douyinfe/semi-ui';
import type { FormApi } from '@douyinfe/semi-ui/lib/es/form/interface';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressInput, FieldProblem } from '../../bindings';
import { errorCode, errorText } from '../../shared/errors';
import { checkAddress, saveAddress } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading } from '../../shared/QueryView';
import {
  ADDRESS_FIELDS,
  type AddressField,
  type AddressFormValues,
  addressInputOf,
  formValuesOf,
  shownProblems,
} from './addressForm';
import { useAddress, useRegions } from './queries';
import type { RegionIndex } from './regionTree';

const { Text } = Typography;

/** Core's verdict on the latest version of the address; an older answer never wins. */
function useAddressCheck() {
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const latest = useRef(0);
  const run = useCallback(async (input: AddressInput): Promise<FieldProblem[] | null> => {
    const mine = ++latest.current;
    try {
      const found = await checkAddress(input);
      if (mine === latest.current) {
        setProblems(found);
        setFailure(null);
      }
      return found;
    } catch (error) {
      if (mine === latest.current) setFailure(error);
      return null;
    }
  }, []);
  return { problems, failure, run };
}

/** 新增/编辑收货地址: `id` null for a new one. Closing unmounts it (and forgets the address). */
export function AddressDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation(['profile', 'common']);
  const regions = useRegions();
  const stored = useAddress(id);

  let body: ReactNode = <Loading className="profile-center" />;
  if (regions.isError) {
    body = (
      <LoadFailed
        size={100}
        title={t('addressForm.regionsFailed')}
        description={errorText(t, regions.error)}
        onRetry={() => void regions.refetch()}
      />
    );
  } else if (stored.isError) {
    body = (
      <LoadFailed
        size={100}
        title={t('addressForm.addressFailed')}
        description={errorText(t, stored.error)}
        onRetry={() => void stored.refetch()}
      />
    );
  } else if (regions.data && (id === null || stored.data)) {
    return (
      <AddressForm id={id} stored={stored.data ?? null} index={regions.data} onClose={onClose} />
    );
  }
  return (
    <Modal
      visible
      title={t(id === null ? 'addressForm.titleNew' : 'addressForm.titleEdit')}
      onCancel={onClose}
      footer={null}
    >
      {body}
    </Modal>
  );
}

function AddressForm({
  id,
  stored,
  index,
  onClose,
}: {
  id: string | null;
  stored: AddressInput | null;
  index: RegionIndex;
  onClose: () => void;
}) {
  const { t } = useTranslation(['profile', 'common']);
  const notify = useNotify();
  // Semi names each control by its field; prefixed, the ids stay unique on the page.
  const idOf = `${useId()}-address`;
  const formApi = useRef<FormApi<AddressFormValues> | null>(null);
  const [initial] = useState(() => formValuesOf(stored, index));
  const [touched, setTouched] = useState<ReadonlySet<AddressField>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const check = useAddressCheck();
  const isDefault = stored?.make_default ?? false;

  const inputNow = (patch: Partial<AddressFormValues> = {}) =>
    addressInputOf(id, { ...formApi.current?.getValues(), ...patch });

  const save = useMutation({
    mutationFn: saveAddress,
    onSuccess: () => {
      notify.success(t('addresses.saved'));
      onClose();
    },
    // Refused by field: core's check says which (it may know more than the last one did).
    onError: (error) => {
      if (errorCode(error) === 'invalid_input') void check.run(inputNow());
    },
  });

  /** A field was left (or the region picked): core checks the whole address, the field's
   * problem shows from now on. */
  const leave = (field: AddressField, patch?: Partial<AddressFormValues>) => {
    setTouched((before) => new Set(before).add(field));
    void check.run(inputNow(patch));
  };

  const submit = async () => {
    const input = inputNow();
    setTouched(new Set(ADDRESS_FIELDS));
    setSubmitting(true);
    const problems = await check.run(input);
    setSubmitting(false);
    if (problems !== null && problems.length === 0) save.mutate(input);
  };

  const shown = shownProblems(check.problems, touched);
  /** A field's look and its error slot (`address-field-<field>`), in words from its code.
   * Always the same props (Semi's field memoises on their number). */
  const problemProps = (field: AddressField) => {
    const problem = shown[field];
    return {
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

  const failure = save.error ?? check.failure;
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
            loading={submitting || save.isPending}
            onClick={() => void submit()}
            data-testid="address-save"
          >
            {t('common:save')}
          </Button>
        </>
      }
    >
      <Form<AddressFormValues>
        className="address-form"
        data-testid="address-form"
        initValues={initial}
        getFormApi={(api) => {
          formApi.current = api;
        }}
        onSubmit={() => void submit()}
      >
        <Form.Input
          field="label"
          id={`${idOf}-label`}
          label={t('addressForm.label')}
          placeholder={t('addressForm.labelPlaceholder')}
          data-testid="address-label"
        />
        <Form.Input
          field="contact_name"
          id={`${idOf}-contact_name`}
          label={t('fields.contact_name')}
          onBlur={() => leave('contact_name')}
          data-testid="address-contact-name"
          {...problemProps('contact_name')}
        />
        <Form.Input
          field="phone"
          id={`${idOf}-phone`}
          label={t('fields.phone')}
          inputMode="tel"
          autoComplete="off"
          onBlur={() => leave('phone')}
          data-testid="address-phone"
          {...problemProps('phone')}
        />
        <Form.Cascader
          field="region"
          id={`${idOf}-region`}
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
          id={`${idOf}-detail`}
          label={t('fields.detail')}
          placeholder={t('addressForm.detailPlaceholder')}
          rows={2}
          onBlur={() => leave('detail')}
          data-testid="address-detail"
          {...problemProps('detail')}
        />
        <Form.Checkbox
          field="make_default"
          id={`${idOf}-make_default`}
          noLabel
          disabled={isDefault}
          extraText={isDefault ? t('addressForm.alwaysDefault') : undefined}
          data-testid="address-make-default"
        >
          {t('addressForm.makeDefault')}
        </Form.Checkbox>
      </Form>
      {failure !== null && (
        <Text type="danger" data-testid="address-error">
          {save.error !== null
            ? t('addressForm.saveFailed', { text: errorText(t, save.error) })
            : t('addressForm.checkFailed', { text: errorText(t, check.failure) })}
        </Text>
      )}
    </Modal>
  );
}
