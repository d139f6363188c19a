import {
  Banner,
  Button,
  DatePicker,
  Input,
  Modal,
  Radio,
  RadioGroup,
  Select,
  Typography,
} from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LEGS,
  type LegCode,
  type ParcelFieldCode,
  type ParcelInput,
  type ParcelView,
} from '../../bindings';
import { errorCodeText } from '../../shared/errors';
import { addParcel, checkParcel, correctParcel } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { useApplications } from '../campaigns/queries';
import { CarrierSelect } from './CarrierSelect';
import { problemText } from './parcelProblems';
import { useParcelForm } from './useParcelForm';

const { Text } = Typography;

/** Applications whose sample will never come: not offered as a parcel's campaign. */
const NO_SAMPLE = new Set(['withdrawn', 'not_selected']);

/**
 * 添加快递单号 / 修改快递单号: the number (its carrier guessed as it is typed), which way
 * it goes (a return with its due date, R-REVIEW-13), the campaign, and the receiver's
 * phone digits where the carrier needs them. `editing` corrects that parcel. Core checks
 * it first (`check_parcel`), each problem shown beside its field; it is sent only when
 * core finds none.
 */
export function ParcelForm({
  editing,
  onClose,
  onSaved,
}: {
  editing: ParcelView | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation(['logistics', 'common']);
  const notify = useNotify(['logistics', 'common']);
  const form = useParcelForm(editing);
  const apps = useApplications();
  const ids = {
    number: useId(),
    carrier: useId(),
    application: useId(),
    phone: useId(),
    due: useId(),
  };
  const save = useMutation({
    mutationFn: (input: ParcelInput) =>
      editing === null ? addParcel(input) : correctParcel(editing.id, input),
    onSuccess: (parcel) => {
      notify.success((t) => (editing === null ? t('form.added') : t('form.saved')));
      onSaved(parcel.id);
    },
  });
  const check = useMutation({
    mutationFn: (input: ParcelInput) => checkParcel(input, editing?.id ?? null),
    onSuccess: (problems, input) => {
      form.setProblems(problems);
      if (problems.length === 0) save.mutate(input);
    },
  });
  const submit = () => {
    save.reset();
    check.mutate(form.input);
  };
  const problem = (field: ParcelFieldCode) => {
    const found = form.problems[field];
    return found === undefined ? null : problemText(t, found);
  };
  // The check failing, or a save refused all the same (the store changed in between):
  // the error it is, by its code.
  const failure = check.error ?? save.error;
  const appOptions = (apps.data ?? [])
    .filter((a) => !NO_SAMPLE.has(a.status) || a.id === form.applicationId)
    .map((a) => ({
      value: a.id,
      label: `${a.task_title || t('form.untitled', { id: a.task_id })}${a.brand ? ` · ${a.brand}` : ''}`,
    }));

  return (
    <Modal
      visible
      title={editing === null ? t('form.addTitle') : t('form.editTitle')}
      onCancel={onClose}
      maskClosable={false}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            theme="solid"
            loading={check.isPending || save.isPending}
            onClick={submit}
            data-testid="parcel-submit"
          >
            {editing === null ? t('form.submitAdd') : t('form.submitEdit')}
          </Button>
        </>
      }
    >
      <div className="lgx-form" data-testid="parcel-form">
        <Text type="tertiary" size="small">
          {t('form.intro')}
        </Text>
        <Field
          id={ids.number}
          label={t('form.number')}
          field="tracking_no"
          problem={problem('tracking_no')}
        >
          <Input
            id={ids.number}
            value={form.number}
            onChange={form.setNumber}
            placeholder={t('form.numberPlaceholder')}
            maxLength={40}
            autoFocus
            validateStatus={problem('tracking_no') !== null ? 'error' : 'default'}
            data-testid="parcel-number"
          />
        </Field>
        <Field
          id={ids.carrier}
          label={t('form.carrier')}
          field="carrier"
          problem={problem('carrier')}
        >
          <CarrierSelect form={form} id={ids.carrier} invalid={problem('carrier') !== null} />
        </Field>
        <Field label={t('form.leg')}>
          <RadioGroup
            type="button"
            value={form.leg}
            onChange={(e) => form.setLeg(e.target.value as LegCode)}
            aria-label={t('form.leg')}
            data-testid="parcel-leg-input"
          >
            {LEGS.map((leg) => (
              <Radio key={leg} value={leg} data-testid={`parcel-leg-${leg}`}>
                {t(`legs.${leg}`)}
              </Radio>
            ))}
          </RadioGroup>
        </Field>
        {form.leg === 'return' && (
          <Field
            labelId={ids.due}
            label={t('form.returnDue')}
            hint={t('form.returnDueHint')}
            field="return_due"
            problem={problem('return_due')}
          >
            <DatePicker
              aria-labelledby={ids.due}
              type="date"
              format="yyyy-MM-dd"
              value={form.returnDue ?? undefined}
              onChange={(_date, text) =>
                form.setReturnDue(typeof text === 'string' && text !== '' ? text : null)
              }
              validateStatus={problem('return_due') !== null ? 'error' : 'default'}
              data-testid="parcel-return-due"
            />
          </Field>
        )}
        <Field
          id={ids.application}
          label={t('form.application')}
          hint={t('form.applicationHint')}
          field="application"
          problem={problem('application')}
        >
          <Select
            id={ids.application}
            className="lgx-form__control"
            value={form.applicationId ?? undefined}
            placeholder={t('form.applicationPlaceholder')}
            optionList={appOptions}
            onChange={(v) => form.setApplicationId(v === undefined ? null : String(v))}
            validateStatus={problem('application') !== null ? 'error' : 'default'}
            // A parcel's campaign can be changed, not taken away (core keeps it).
            showClear={editing?.application_id == null}
            disabled={editing !== null && editing.application_id !== null}
            filter
            emptyContent={null}
            data-testid="parcel-application"
          />
        </Field>
        {form.phoneAsked && (
          <Field
            id={ids.phone}
            label={t('form.phone')}
            hint={
              editing?.phone_known
                ? `${t('form.phoneHint')}${t('form.phoneKept')}`
                : t('form.phoneHint')
            }
            field="phone"
            problem={problem('phone')}
          >
            <Input
              id={ids.phone}
              value={form.phone}
              onChange={form.setPhone}
              placeholder={t('form.phonePlaceholder')}
              maxLength={11}
              inputMode="numeric"
              autoComplete="off"
              style={{ width: 200 }}
              validateStatus={problem('phone') !== null ? 'error' : 'default'}
              data-testid="parcel-phone"
            />
          </Field>
        )}
        {failure !== null && (
          <Banner
            type="danger"
            closeIcon={null}
            data-testid="parcel-form-error"
            description={t('failed', { text: errorCodeText(t, failure) })}
          />
        )}
      </div>
    </Modal>
  );
}

function Field({
  id,
  labelId,
  label,
  hint,
  field,
  problem = null,
  children,
}: {
  /** The control's id, for the label; or the label's own, for `aria-labelledby`. */
  id?: string;
  labelId?: string;
  label: string;
  hint?: string;
  /** The field core's problems name, and the words of its problem. */
  field?: ParcelFieldCode;
  problem?: string | null;
  children: ReactNode;
}) {
  return (
    <div className="lgx-form__field">
      {id === undefined ? (
        <span className="lgx-label" id={labelId}>
          {label}
        </span>
      ) : (
        <label className="lgx-label" htmlFor={id}>
          {label}
        </label>
      )}
      {children}
      {problem !== null && (
        <Text
          type="danger"
          size="small"
          role="alert"
          data-testid="parcel-field-error"
          data-field={field}
        >
          {problem}
        </Text>
      )}
      {hint !== undefined && (
        <Text type="tertiary" size="small">
          {hint}
        </Text>
      )}
    </div>
  );
}
