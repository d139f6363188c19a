import { Select, Tag, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { CarrierOption } from '../../bindings';
import { carrierLabel } from './alertText';
import type { ParcelForm } from './useParcelForm';

const { Text } = Typography;

/** The carrier: the guesses for the number first (best first), then every carrier
 * StarDesk knows; the best guess is chosen until the creator picks another. */
export function CarrierSelect({
  form,
  id,
  invalid,
}: {
  form: ParcelForm;
  id: string;
  invalid: boolean;
}) {
  const { t } = useTranslation('logistics');
  const guessed = new Set(form.guesses.map((c) => c.code));
  const others = form.carriers.filter((c) => !guessed.has(c.code));
  const label = (c: CarrierOption) => (
    <span className="lgx-carrier-option">
      {carrierLabel(t, c.code, c.name)}
      {c.phone_required && (
        <Tag size="small" color="white" type="ghost">
          {t('form.needsPhone')}
        </Tag>
      )}
    </span>
  );
  const best = form.guesses[0];
  const hint = form.guessing
    ? t('form.guessing')
    : form.carrierGuessed && best !== undefined
      ? t('form.guessed', { name: carrierLabel(t, best.code, best.name) })
      : !form.tooShort && form.guesses.length === 0 && form.carrier === ''
        ? t('form.noGuess')
        : null;
  return (
    <>
      <Select
        id={id}
        className="lgx-form__control"
        value={form.carrier === '' ? undefined : form.carrier}
        placeholder={t('form.carrierPlaceholder')}
        onChange={(v) => form.setCarrier(String(v))}
        validateStatus={invalid ? 'error' : 'default'}
        aria-invalid={invalid}
        data-testid="parcel-carrier"
        data-carrier={form.carrier}
      >
        {/* Semi's Select reads its options again only when its children's keys change:
            each group is keyed by the carriers it holds, so that the carriers loaded, or
            the guesses for another number, are offered. */}
        {form.guesses.length > 0 && (
          <Select.OptGroup key={`likely:${codes(form.guesses)}`} label={t('form.likely')}>
            {form.guesses.map((c) => (
              <Select.Option key={c.code} value={c.code} label={label(c)} />
            ))}
          </Select.OptGroup>
        )}
        <Select.OptGroup key={`all:${codes(others)}`} label={t('form.all')}>
          {others.map((c) => (
            <Select.Option key={c.code} value={c.code} label={label(c)} />
          ))}
        </Select.OptGroup>
      </Select>
      {hint !== null && (
        <Text type="tertiary" size="small" data-testid="parcel-carrier-hint">
          {hint}
        </Text>
      )}
    </>
  );
}

const codes = (carriers: readonly CarrierOption[]) => carriers.map((c) => c.code).join(',');
